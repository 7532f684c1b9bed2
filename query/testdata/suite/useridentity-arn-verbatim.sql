-- the issue's Athena query, with a total order so LIMIT is deterministic
SELECT useridentity.arn, eventname, sourceipaddress, eventtime
FROM cloudtrail_logs
ORDER BY eventtime, eventid
LIMIT 100
