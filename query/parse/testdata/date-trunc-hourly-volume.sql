SELECT date_trunc('hour', eventtime) AS hour, eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-15'
GROUP BY date_trunc('hour', eventtime), eventsource
ORDER BY hour, n DESC
