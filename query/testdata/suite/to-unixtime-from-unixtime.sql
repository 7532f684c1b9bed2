-- to_unixtime and back with from_unixtime
SELECT eventid, to_unixtime(eventtime) AS secs, from_unixtime(to_unixtime(eventtime)) AS back, from_unixtime(0) AS epoch
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0004', 'edge-0006')
