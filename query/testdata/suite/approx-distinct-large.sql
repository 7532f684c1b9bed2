-- approx_distinct of every event id, within 5% of the exact count
-- approx: ids
SELECT approx_distinct(eventid) AS ids, count(*) AS n
FROM cloudtrail_logs
/* duckdb:
SELECT count(DISTINCT eventid) AS ids, count(*) AS n
FROM cloudtrail_logs
*/
