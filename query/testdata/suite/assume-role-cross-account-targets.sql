-- AssumeRole by principal type: the caller's account vs the account of requestParameters.roleArn (regexp_extract group), session durations, roles
SELECT useridentity.type AS caller_type,
       useridentity.accountid = regexp_extract(json_extract_scalar(requestparameters, '$.roleArn'), '^arn:aws:iam::([0-9]{12}):role/(.+)$', 1) AS same_account,
       count(*) AS n,
       max(CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS integer)) AS max_duration,
       min(CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS integer)) AS min_duration,
       count(DISTINCT regexp_extract(json_extract_scalar(requestparameters, '$.roleArn'), 'role/(.+)$', 1)) AS roles
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
GROUP BY 1, 2
ORDER BY 1 NULLS FIRST, 2 NULLS FIRST
