SELECT eventtime, eventname, useridentity.arn,
       json_extract_scalar(requestparameters, '$.policyArn') AS policy,
       coalesce(json_extract_scalar(requestparameters, '$.userName'),
                json_extract_scalar(requestparameters, '$.roleName'),
                json_extract_scalar(requestparameters, '$.groupName')) AS target
FROM cloudtrail_logs
WHERE eventname IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy')
  AND json_extract_scalar(requestparameters, '$.policyArn') = 'arn:aws:iam::aws:policy/AdministratorAccess'
