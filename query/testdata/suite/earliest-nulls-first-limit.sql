-- the earliest events with NULL eventtime first
SELECT eventtime, eventid
FROM cloudtrail_logs
ORDER BY eventtime NULLS FIRST, eventid
LIMIT 4
