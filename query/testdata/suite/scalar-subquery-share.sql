-- a scalar subquery in the select list; shares as doubles
SELECT eventname, CAST(count(*) AS DOUBLE) / (SELECT count(*) FROM cloudtrail_logs) AS share
FROM cloudtrail_logs
GROUP BY eventname
