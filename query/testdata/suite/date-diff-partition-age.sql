-- date_diff over the date partition cast to DATE: how many days old each partition is
SELECT date, date_diff('day', CAST(date AS DATE), current_date) AS age_days, count(*) AS n
FROM cloudtrail_logs
WHERE account = '256224797377'
GROUP BY 1, 2
/* duckdb:
SELECT date, date_diff('day', CAST(date AS DATE), DATE '2026-01-04') AS age_days, count(*) AS n
FROM cloudtrail_logs
WHERE account = '256224797377'
GROUP BY 1, 2
*/
