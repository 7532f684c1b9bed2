-- FETCH FIRST 1 ROW WITH TIES inside an IN subquery, ordered by a coarse expression so that two services tie: the errors of the busiest services
SELECT eventsource, errorcode, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL
  AND eventsource IN (SELECT eventsource FROM cloudtrail_logs GROUP BY eventsource ORDER BY count(*) / 5000 DESC FETCH FIRST 1 ROW WITH TIES)
GROUP BY 1, 2
/* duckdb:
SELECT eventsource, errorcode, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL
  AND eventsource IN (SELECT eventsource FROM (SELECT eventsource, rank() OVER (ORDER BY count(*) // 5000 DESC) AS rk FROM cloudtrail_logs GROUP BY eventsource) WHERE rk = 1)
GROUP BY 1, 2
*/
