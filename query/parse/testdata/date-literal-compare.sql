SELECT eventname, eventtime
FROM cloudtrail_logs
WHERE CAST(eventtime AS date) = DATE '2026-01-01'
  AND eventtime < TIMESTAMP '2026-01-01 12:00:00'
