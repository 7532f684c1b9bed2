SELECT json_extract_scalar(requestparameters, '$.roleArn') AS role,
       json_extract(requestparameters, '$.tags') AS tags,
       json_array_length(json_extract(requestparameters, '$.policyArns')) AS n_policies,
       json_format(json_parse(responseelements)) AS pretty,
       json_extract_scalar(_extra, '$.userIdentity.userId') AS user_id
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
