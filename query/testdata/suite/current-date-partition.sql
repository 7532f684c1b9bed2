-- yesterday's partition from current_date
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE date = CAST(current_date - INTERVAL '1' DAY AS VARCHAR)
/* duckdb:
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-03'
*/
