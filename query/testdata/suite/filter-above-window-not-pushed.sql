-- a filter outside a window subquery must not be pushed below the window: row numbers count every call of the principal
SELECT eventid, arn, rn, n_in_partition
FROM (
  SELECT eventid, useridentity.arn AS arn, eventname,
         row_number() OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS rn,
         count(*) OVER (PARTITION BY useridentity.arn) AS n_in_partition
  FROM cloudtrail_logs
  WHERE account = '123456789012' OR (date = '2026-01-01' AND region = 'us-east-1')
) AS w
WHERE eventname = 'ConsoleLogin'
