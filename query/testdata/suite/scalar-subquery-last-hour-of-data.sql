-- a scalar subquery as a time bound: the calls in the last hour of the data
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime > (SELECT max(eventtime) - INTERVAL '1' HOUR FROM cloudtrail_logs)
GROUP BY eventsource
