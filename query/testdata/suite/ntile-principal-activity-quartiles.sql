-- ntile(4): principals split into activity quartiles, busiest first
WITH p AS (
  SELECT useridentity.arn AS arn, count(*) AS n
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
  GROUP BY 1
)
SELECT arn, n, ntile(4) OVER (ORDER BY n DESC, arn) AS quartile
FROM p
