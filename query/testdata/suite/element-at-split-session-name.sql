-- element_at(split(arn, '/'), -1) and cardinality(split(...)): the session name at the end of assumed-role ARNs
SELECT element_at(split(useridentity.arn, '/'), -1) AS session_name, cardinality(split(useridentity.arn, '/')) AS parts, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole'
GROUP BY 1, 2
/* duckdb:
SELECT element_at(string_split(useridentity.arn, '/'), -1) AS session_name, cardinality(string_split(useridentity.arn, '/')) AS parts, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole'
GROUP BY 1, 2
*/
