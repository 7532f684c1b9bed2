-- strpos(s, sub, -1) finds the last instance (Trino searches from the end for a negative instance): the role name after the last '/'
SELECT DISTINCT useridentity.arn AS arn, strpos(useridentity.arn, '/', -1) AS last_slash,
       substr(useridentity.arn, strpos(useridentity.arn, '/', -1) + 1) AS leaf, strpos(useridentity.arn, ':', -2) AS second_last_colon
FROM cloudtrail_logs
WHERE account = '123456789012' AND useridentity.arn IS NOT NULL
/* duckdb:
SELECT DISTINCT useridentity.arn AS arn,
       CASE WHEN strpos(useridentity.arn, '/') = 0 THEN 0 ELSE length(useridentity.arn) - strpos(reverse(useridentity.arn), '/') + 1 END AS last_slash,
       CASE WHEN strpos(useridentity.arn, '/') = 0 THEN useridentity.arn ELSE substr(useridentity.arn, length(useridentity.arn) - strpos(reverse(useridentity.arn), '/') + 2) END AS leaf,
       length(useridentity.arn) + 1 - (strpos(reverse(useridentity.arn), ':') + strpos(substr(reverse(useridentity.arn), strpos(reverse(useridentity.arn), ':') + 1), ':')) AS second_last_colon
FROM cloudtrail_logs
WHERE account = '123456789012' AND useridentity.arn IS NOT NULL
*/
