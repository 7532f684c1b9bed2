-- row_number() for the latest event of each principal
WITH ranked AS (
  SELECT useridentity.arn AS arn, eventname, eventtime,
         row_number() OVER (PARTITION BY useridentity.arn ORDER BY eventtime DESC, eventid DESC) AS rn
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
)
SELECT arn, eventname, eventtime FROM ranked WHERE rn = 1
