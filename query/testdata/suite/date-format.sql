-- date_format with MySQL specifiers
SELECT date_format(eventtime, '%Y-%m-%d %H:00') AS hour, count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-01' AND region = 'us-west-2'
GROUP BY 1
