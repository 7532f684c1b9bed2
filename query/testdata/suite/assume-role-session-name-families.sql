-- who names AssumeRole sessions how: the roleSessionName with its random suffix stripped (regexp_replace), per target role kind
SELECT regexp_extract(json_extract_scalar(requestparameters, '$.roleArn'), 'role/([a-zA-Z]+)', 1) AS role_kind,
       regexp_replace(json_extract_scalar(requestparameters, '$.roleSessionName'), '-[A-Za-z0-9]{6}$', '') AS session_family,
       count(*) AS n,
       count(DISTINCT json_extract_scalar(requestparameters, '$.roleSessionName')) AS sessions,
       count(DISTINCT coalesce(useridentity.arn, useridentity.invokedby, useridentity.type)) AS callers
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
GROUP BY 1, 2
HAVING count(*) >= 100
ORDER BY 1, n DESC, 2
