-- ROWS BETWEEN 2 PRECEDING AND CURRENT ROW: a three-hour moving average of calls per hour
SELECT hour, n, avg(n) OVER (ORDER BY hour ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_avg
FROM (
  SELECT date_trunc('hour', eventtime) AS hour, count(*) AS n
  FROM cloudtrail_logs
  WHERE account = '252456891452' AND region = 'us-east-1'
  GROUP BY 1
) AS t
