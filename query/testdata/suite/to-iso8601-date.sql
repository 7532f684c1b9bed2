-- to_iso8601 of a DATE is the date alone (YYYY-MM-DD): daily counts labelled by ISO date
SELECT to_iso8601(CAST(eventtime AS DATE)) AS day, count(*) AS n
FROM cloudtrail_logs
WHERE region = 'eu-west-1'
GROUP BY 1
/* duckdb:
SELECT strftime(CAST(eventtime AS DATE), '%Y-%m-%d') AS day, count(*) AS n
FROM cloudtrail_logs
WHERE region = 'eu-west-1'
GROUP BY 1
*/
