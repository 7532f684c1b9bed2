SELECT eventtime, useridentity_arn,
       json_extract_scalar(requestparameters, '$.keyId') AS key_id,
       CAST(json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS integer) AS days
FROM cloudtrail_logs
WHERE eventsource = 'kms.amazonaws.com' AND eventname IN ('ScheduleKeyDeletion', 'DisableKey')
