-- GROUPING SETS with grouping(): errors by service, by error code, and overall, with the level of each row
SELECT eventsource, errorcode, grouping(eventsource, errorcode) AS level, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND errorcode <> ''
GROUP BY GROUPING SETS ((eventsource), (errorcode), ())
