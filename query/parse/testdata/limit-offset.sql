SELECT eventid, eventname FROM cloudtrail_logs ORDER BY eventtime OFFSET 100 ROWS LIMIT 50
