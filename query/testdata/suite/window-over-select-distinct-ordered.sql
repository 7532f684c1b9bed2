-- window function in ORDER BY and over SELECT DISTINCT
SELECT DISTINCT eventsource, count(*) OVER (PARTITION BY eventsource) AS n
FROM cloudtrail_logs WHERE date = '2026-01-01'
ORDER BY n DESC, eventsource
