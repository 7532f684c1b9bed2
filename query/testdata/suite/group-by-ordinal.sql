-- GROUP BY ordinals
SELECT eventsource, eventname, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
