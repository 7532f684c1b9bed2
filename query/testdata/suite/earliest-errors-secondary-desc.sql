-- the earliest events by a secondary descending key, filtered on a non-partition column
SELECT eventtime, eventsource, eventid
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL
ORDER BY eventtime, eventsource DESC, eventid
LIMIT 30
