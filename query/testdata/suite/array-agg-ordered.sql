-- array_agg(x ORDER BY x)
SELECT eventsource, array_agg(eventname ORDER BY eventname) AS names
FROM (SELECT DISTINCT eventsource, eventname FROM cloudtrail_logs) AS t
GROUP BY eventsource
