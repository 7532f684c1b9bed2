SELECT *
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) > now() - interval '7' day
  AND eventname = 'StopLogging'
