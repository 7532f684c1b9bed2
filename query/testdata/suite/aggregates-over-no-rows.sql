-- a global aggregate over no rows returns one row
SELECT count(*) AS n, sum(length(eventname)) AS s, min(eventtime) AS first, max(eventname) AS last
FROM cloudtrail_logs
WHERE eventname = 'NoSuchEvent'
