-- a CTE reading another
WITH per_user AS (
  SELECT useridentity.arn AS arn, count(*) AS calls
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
  GROUP BY 1
), busy AS (
  SELECT arn, calls FROM per_user WHERE calls > 1000
)
SELECT count(*) AS users, sum(calls) AS calls, max(calls) AS top FROM busy
