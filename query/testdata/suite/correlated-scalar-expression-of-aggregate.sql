-- a correlated scalar subquery whose value is an expression of its aggregate (max minus an hour), with GROUP BY and HAVING outside: each service's calls in its last hour of data
SELECT c.eventsource, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.eventtime >= (SELECT max(l.eventtime) - INTERVAL '1' HOUR FROM cloudtrail_logs AS l WHERE l.eventsource = c.eventsource)
GROUP BY 1
HAVING count(*) > 10
