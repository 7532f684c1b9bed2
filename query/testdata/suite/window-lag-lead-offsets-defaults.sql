-- lag and lead with offsets 2 and 3 and typed defaults, per IAM user over a day
SELECT useridentity.username AS username, eventtime, eventid, eventname,
       lag(eventname, 2, '(start)') OVER (PARTITION BY useridentity.username ORDER BY eventtime, eventid) AS two_before,
       lead(eventtime, 3) OVER (PARTITION BY useridentity.username ORDER BY eventtime, eventid) AS three_after,
       lead(sourceipaddress, 1, 'none') OVER (PARTITION BY useridentity.username ORDER BY eventtime, eventid) AS next_ip
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '256224797377' AND date = '2026-01-03' AND region = 'us-east-1'
ORDER BY username, eventtime, eventid
