SELECT CAST(from_iso8601_timestamp(eventtime) AS date) AS day, eventsource, count(*) AS n
FROM cloudtrail_logs
GROUP BY CAST(from_iso8601_timestamp(eventtime) AS date), eventsource
ORDER BY day
