-- a CTE with a column list referenced twice with different aliases, then t.* of a renamed derived table
WITH daily(d, svc, n) AS (
  SELECT date, eventsource, count(*) FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY 1, 2
)
SELECT x.*, y.n AS prev_n
FROM (SELECT d, svc, n FROM daily) AS x(day, service, calls)
LEFT JOIN daily AS y ON y.svc = x.service AND y.d = CAST(date_add('day', -1, CAST(x.day AS date)) AS varchar)
/* duckdb:
WITH daily(d, svc, n) AS (
  SELECT date, eventsource, count(*) FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY 1, 2
)
SELECT x.*, y.n AS prev_n
FROM (SELECT d, svc, n FROM daily) AS x(day, service, calls)
LEFT JOIN daily AS y ON y.svc = x.service AND y.d = CAST(CAST(x.day AS date) - 1 AS varchar)
*/
