-- a filter on date_trunc('day', eventtime)
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE date_trunc('day', eventtime) = TIMESTAMP '2026-01-03 00:00:00'
