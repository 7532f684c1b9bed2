-- AdministratorAccess attached to a role
SELECT account, json_extract_scalar(requestparameters, '$.roleName') AS role, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'AttachRolePolicy'
  AND json_extract_scalar(requestparameters, '$.policyArn') LIKE '%/AdministratorAccess'
GROUP BY 1, 2
