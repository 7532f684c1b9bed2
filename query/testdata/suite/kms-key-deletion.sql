-- KMS keys scheduled for deletion
SELECT eventtime, useridentity.arn, json_extract_scalar(requestparameters, '$.keyId') AS key, errorcode, errormessage
FROM cloudtrail_logs
WHERE eventsource = 'kms.amazonaws.com' AND eventname IN ('ScheduleKeyDeletion', 'DisableKey')
