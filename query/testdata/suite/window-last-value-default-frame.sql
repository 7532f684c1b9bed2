-- the default frame (RANGE UNBOUNDED PRECEDING to CURRENT ROW) takes in the current row's peers
SELECT date, eventname, n,
       max(eventname) OVER (PARTITION BY date ORDER BY n) AS max_name_with_peers,
       sum(n) OVER (PARTITION BY date ORDER BY n RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_with_peers,
       count(*) OVER (PARTITION BY date ORDER BY n, eventname ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_so_far
FROM (SELECT date, eventname, count(*) / 100 AS n FROM cloudtrail_logs WHERE date IS NOT NULL AND account = '252456891452' GROUP BY 1, 2) AS t
WHERE n > 0
ORDER BY date, n, eventname
/* duckdb:
SELECT date, eventname, n,
       max(eventname) OVER (PARTITION BY date ORDER BY n) AS max_name_with_peers,
       sum(n) OVER (PARTITION BY date ORDER BY n RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_with_peers,
       count(*) OVER (PARTITION BY date ORDER BY n, eventname ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_so_far
FROM (SELECT date, eventname, count(*) // 100 AS n FROM cloudtrail_logs WHERE date IS NOT NULL AND account = '252456891452' GROUP BY 1, 2) AS t
WHERE n > 0
ORDER BY date, n, eventname
*/
