-- FETCH FIRST 3 ROWS WITH TIES: the source IPs with the most AccessDenied errors, keeping ties at the cut
SELECT ip, n
FROM (
  SELECT sourceipaddress AS ip, count(*) AS n
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied'
  GROUP BY 1
  ORDER BY n DESC
  FETCH FIRST 3 ROWS WITH TIES
) AS t
ORDER BY n DESC, ip
/* duckdb:
SELECT ip, n
FROM (
  SELECT sourceipaddress AS ip, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS rk
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied'
  GROUP BY 1
) AS t
WHERE rk <= 3
ORDER BY n DESC, ip
*/
