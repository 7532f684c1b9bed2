-- GROUP BY () is the global aggregation: one row, even over no input
SELECT count(*) AS n, count(DISTINCT eventsource) AS services
FROM cloudtrail_logs
WHERE date = '2026-01-02'
GROUP BY ()
/* duckdb:
SELECT count(*) AS n, count(DISTINCT eventsource) AS services
FROM cloudtrail_logs
WHERE date = '2026-01-02'
*/
