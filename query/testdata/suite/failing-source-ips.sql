-- source IPs whose calls fail more often than usual
WITH per_ip AS (
  SELECT sourceipaddress, count_if(errorcode IS NOT NULL) AS failed, count(*) AS n
  FROM cloudtrail_logs
  WHERE sourceipaddress NOT LIKE '%.amazonaws.com' AND sourceipaddress <> 'AWS Internal'
  GROUP BY 1
)
SELECT sourceipaddress, failed, n FROM per_ip WHERE failed * 100 > n * 6 AND n > 20
