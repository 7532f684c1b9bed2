-- a descending count, ties broken by name
SELECT eventsource, eventname, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource, eventname
ORDER BY n DESC, eventname ASC
