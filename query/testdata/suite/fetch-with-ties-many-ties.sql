-- FETCH FIRST ... WITH TIES where the ties run to thousands of rows (kept across the top-N's flushes)
SELECT count(*) AS n, min(eventsource) AS lo, max(eventsource) AS hi, count(DISTINCT eventid) AS ids
FROM (
  SELECT eventsource, eventid FROM cloudtrail_logs
  ORDER BY date, eventsource
  FETCH FIRST 5 ROWS WITH TIES
) AS t
/* duckdb:
SELECT count(*) AS n, min(eventsource) AS lo, max(eventsource) AS hi, count(DISTINCT eventid) AS ids
FROM (
  SELECT eventsource, eventid, rank() OVER (ORDER BY date, eventsource) AS rk FROM cloudtrail_logs
) AS t
WHERE rk = 1
*/
