-- AdministratorAccess attached to a role, found the quick way: LIKE and regexp_like on the requestParameters text, with the role from json_extract_scalar
SELECT json_extract_scalar(requestparameters, '$.roleName') AS role_name,
       coalesce(useridentity.arn, useridentity.type) AS who,
       count(*) AS attaches,
       count_if(regexp_like(requestparameters, '"policyArn"\s*:\s*"arn:aws:iam::aws:policy/AdministratorAccess"')) AS by_regexp,
       min(eventtime) AS first_at
FROM cloudtrail_logs
WHERE eventname = 'AttachRolePolicy' AND requestparameters LIKE '%AdministratorAccess%'
GROUP BY 1, 2
ORDER BY 1, 2
