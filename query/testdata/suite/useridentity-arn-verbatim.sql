-- the issue's verbatim Athena query, made deterministic by a total order
SELECT useridentity.arn, eventname, sourceipaddress, eventtime
FROM cloudtrail_logs
ORDER BY eventtime, eventid
LIMIT 100
