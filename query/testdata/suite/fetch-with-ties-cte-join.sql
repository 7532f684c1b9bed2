-- a WITH TIES top list in a CTE joined back to the events: the source IPs with the most errors (ties at the cut kept) and how many principals used each
WITH top_ips AS (
  SELECT sourceipaddress AS ip, count(*) AS errors
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account = '087463005387'
  GROUP BY 1
  ORDER BY count(*) DESC
  FETCH FIRST 5 ROWS WITH TIES
)
SELECT t.ip, t.errors, count(DISTINCT e.useridentity.arn) AS principals
FROM top_ips AS t JOIN cloudtrail_logs AS e ON e.sourceipaddress = t.ip
GROUP BY 1, 2
ORDER BY errors DESC, ip
/* duckdb:
WITH top_ips AS (
  SELECT ip, errors FROM (
    SELECT sourceipaddress AS ip, count(*) AS errors, rank() OVER (ORDER BY count(*) DESC) AS rk
    FROM cloudtrail_logs
    WHERE errorcode IS NOT NULL AND account = '087463005387'
    GROUP BY 1
  ) WHERE rk <= 5
)
SELECT t.ip, t.errors, count(DISTINCT e.useridentity.arn) AS principals
FROM top_ips AS t JOIN cloudtrail_logs AS e ON e.sourceipaddress = t.ip
GROUP BY 1, 2
ORDER BY errors DESC, ip
*/
