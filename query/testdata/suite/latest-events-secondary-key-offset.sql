-- the latest events with a secondary key that breaks eventtime ties, with OFFSET
SELECT eventtime, eventname, eventid
FROM cloudtrail_logs
ORDER BY eventtime DESC, eventname, eventid
LIMIT 25 OFFSET 7
