-- timestamps ordered descending with the NULL eventtime last
SELECT eventid, eventtime, eventname
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
ORDER BY eventtime DESC, eventid
