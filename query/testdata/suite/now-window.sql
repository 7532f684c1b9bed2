-- now() minus twelve hours
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= now() - INTERVAL '12' HOUR
/* duckdb:
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMPTZ '2026-01-04 00:00:00+00' - INTERVAL '12' HOUR
*/
