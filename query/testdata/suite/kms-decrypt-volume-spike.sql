-- KMS Decrypt volume per principal and hour, with the principal's hourly mean beside it (top 10 hours)
WITH hourly AS (
  SELECT useridentity.arn AS arn, date_trunc('hour', eventtime) AS h, count(*) AS n
  FROM cloudtrail_logs
  WHERE eventsource = 'kms.amazonaws.com' AND eventname = 'Decrypt' AND account = '087463005387'
  GROUP BY 1, 2
)
SELECT arn, h, n, avg(n) OVER (PARTITION BY arn) AS mean_n, n - avg(n) OVER (PARTITION BY arn) AS above_mean
FROM hourly
WHERE arn IS NOT NULL
ORDER BY n DESC, arn, h
LIMIT 10
