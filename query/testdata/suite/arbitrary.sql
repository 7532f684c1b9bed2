-- arbitrary() of a value that is the same in the whole group
SELECT eventname, arbitrary(eventsource) AS source, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventname
