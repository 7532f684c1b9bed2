SELECT eventtime, useridentity_arn,
       json_extract_scalar(responseelements, '$.accessKey.accessKeyId') AS key_id,
       json_extract_scalar(responseelements, '$.accessKey.userName') AS for_user
FROM cloudtrail_logs
WHERE eventname = 'CreateAccessKey' AND errorcode IS NULL
