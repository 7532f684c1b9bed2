-- slice() of split(): assumed-role ARNs without the session name, i.e. the role each session belongs to
SELECT array_join(slice(split(useridentity.arn, '/'), 1, 2), '/') AS role_prefix, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND region = 'eu-west-1'
GROUP BY 1
/* duckdb:
SELECT array_to_string(string_split(useridentity.arn, '/')[1:2], '/') AS role_prefix, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND region = 'eu-west-1'
GROUP BY 1
*/
