-- bare boolean columns as predicates
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE readonly AND NOT managementevent
GROUP BY eventsource
