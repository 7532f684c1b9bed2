-- FETCH FIRST ROW ONLY (no count), OFFSET 1 ROW FETCH NEXT 2 ROWS ONLY: the busiest services by position
SELECT 'first' AS kind, eventsource, n
FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC, eventsource FETCH FIRST ROW ONLY) AS a
UNION ALL
SELECT 'next two', eventsource, n
FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC, eventsource OFFSET 1 ROW FETCH NEXT 2 ROWS ONLY) AS b
/* duckdb:
SELECT 'first' AS kind, eventsource, n
FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC, eventsource LIMIT 1) AS a
UNION ALL
SELECT 'next two', eventsource, n
FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC, eventsource LIMIT 2 OFFSET 1) AS b
*/
