SELECT date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour, count(*) AS denied
FROM cloudtrail_logs
WHERE errorcode LIKE '%AccessDenied%'
  AND from_iso8601_timestamp(eventtime) > now() - interval '7' day
GROUP BY 1
ORDER BY 1
