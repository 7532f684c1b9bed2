-- the last millisecond of a day belongs to that day
SELECT eventid, date, eventtime
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMP '2026-01-02 23:59:59' AND eventtime < TIMESTAMP '2026-01-03 00:00:00'
  AND account = '123456789012'
