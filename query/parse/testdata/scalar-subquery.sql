SELECT eventsource, count(*) AS n,
       round(100.0 * count(*) / (SELECT count(*) FROM cloudtrail_logs), 2) AS pct
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY pct DESC
