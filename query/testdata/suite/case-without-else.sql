-- CASE without ELSE gives NULL
SELECT CASE WHEN readonly THEN 'read' END AS kind, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
