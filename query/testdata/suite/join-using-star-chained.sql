-- SELECT * over two chained USING joins (one LEFT): the key once, then each side's other columns in join order
SELECT *
FROM (SELECT eventsource, count(*) AS calls FROM cloudtrail_logs WHERE account = '123456789012' GROUP BY 1) AS a
LEFT JOIN (SELECT eventsource, count(*) AS errors FROM cloudtrail_logs WHERE account = '123456789012' AND errorcode IS NOT NULL GROUP BY 1) AS b USING (eventsource)
JOIN (SELECT eventsource, min(eventid) AS first_id FROM cloudtrail_logs WHERE eventid LIKE 'edge-%' GROUP BY 1) AS c USING (eventsource)
ORDER BY eventsource
