SELECT eventtime, useridentity_arn, json_extract_scalar(requestparameters, '$.groupId') AS sg
FROM cloudtrail_logs
WHERE eventname = 'AuthorizeSecurityGroupIngress'
  AND strpos(requestparameters, '0.0.0.0/0') > 0
