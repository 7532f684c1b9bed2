-- HAVING contains(array_agg(...)): principals that both signed in to the console and created IAM users
SELECT useridentity.arn AS arn, count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1
HAVING contains(array_agg(eventname), 'ConsoleLogin') AND contains(array_agg(eventname), 'CreateUser')
/* duckdb:
SELECT useridentity.arn AS arn, count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1
HAVING list_contains(list(eventname), 'ConsoleLogin') AND list_contains(list(eventname), 'CreateUser')
*/
