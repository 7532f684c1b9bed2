-- cardinality of array_agg counts the group
SELECT eventsource, cardinality(array_agg(eventid)) AS events, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
