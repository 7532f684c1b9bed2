-- LIMIT inside subqueries whose rows are not fixed: only the counts are compared
SELECT (SELECT count(*) FROM (SELECT DISTINCT eventname FROM cloudtrail_logs LIMIT 7)) AS d,
       (SELECT count(*) FROM (SELECT * FROM cloudtrail_logs WHERE errorcode IS NOT NULL LIMIT 33)) AS e,
       (SELECT count(*) FROM (SELECT eventname FROM cloudtrail_logs UNION ALL SELECT eventname FROM cloudtrail_logs LIMIT 70000)) AS u,
       (SELECT count(*) FROM (SELECT eventsource, count(*) FROM cloudtrail_logs GROUP BY 1 LIMIT 3)) AS g
