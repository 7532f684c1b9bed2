SELECT eventid, eventname
FROM cloudtrail_logs
WHERE eventtime BETWEEN '2026-01-01T00:00:00Z' AND '2026-01-01T23:59:59Z'
  AND eventname NOT BETWEEN 'A' AND 'C'
