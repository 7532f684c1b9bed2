-- one source IP
SELECT eventid, eventname, useridentity.arn
FROM cloudtrail_logs
WHERE sourceipaddress = '198.51.100.7'
