-- WITH TIES after an OFFSET, ordered by an expression not in the select list, under an outer LIMIT
SELECT eventsource, n
FROM (
  SELECT eventsource, count(*) AS n
  FROM cloudtrail_logs
  GROUP BY eventsource
  ORDER BY count(*) / 100 DESC
  OFFSET 1 ROWS
  FETCH FIRST 2 ROWS WITH TIES
) AS t
ORDER BY n DESC, eventsource
LIMIT 50
/* duckdb:
SELECT eventsource, n
FROM (
  SELECT eventsource, n, rank() OVER (ORDER BY n // 100 DESC) AS rk, row_number() OVER (ORDER BY n // 100 DESC) AS rn
  FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY eventsource)
) AS t
WHERE rn > 1 AND rk <= (SELECT max(rk) FROM (SELECT rank() OVER (ORDER BY n // 100 DESC) AS rk, row_number() OVER (ORDER BY n // 100 DESC) AS rn FROM (SELECT count(*) AS n FROM cloudtrail_logs GROUP BY eventsource)) WHERE rn = 3)
ORDER BY n DESC, eventsource
LIMIT 50
*/
