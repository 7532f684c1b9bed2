-- avg and stddev over a partition: hours whose error count is over 2 standard deviations above the account's mean
-- (an account whose hours all have the same count has stddev 0: z is NaN, and NaN > 2 is false in Trino)
WITH h AS (
  SELECT account, date_trunc('hour', eventtime) AS hour, count(*) AS errors
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account IS NOT NULL
  GROUP BY 1, 2
), z AS (
  SELECT account, hour, errors,
         (errors - avg(errors) OVER (PARTITION BY account)) / stddev(errors) OVER (PARTITION BY account) AS z
  FROM h
)
SELECT account, hour, errors, round(z, 3) AS z
FROM z
WHERE z > 2
/* duckdb:
WITH h AS (
  SELECT account, date_trunc('hour', eventtime) AS hour, count(*) AS errors
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account IS NOT NULL
  GROUP BY 1, 2
), z AS (
  SELECT account, hour, errors,
         (errors - avg(errors) OVER (PARTITION BY account)) / stddev(errors) OVER (PARTITION BY account) AS z
  FROM h
)
SELECT account, hour, errors, round(z, 3) AS z
FROM z
WHERE z > 2 AND NOT isnan(z)
*/
