-- named windows, one extending another and one extended by a frame (DuckDB does not inherit through two names: spelled out below)
SELECT arn, eventtime, n, prev_time
FROM (
  SELECT useridentity.arn AS arn, eventtime,
    count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n,
    lag(eventtime) OVER w AS prev_time,
    row_number() OVER w AS rn
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole' AND eventsource = 'sts.amazonaws.com'
  WINDOW p AS (PARTITION BY useridentity.arn), w AS (p ORDER BY eventtime, eventid)
) AS t
WHERE rn <= 3
ORDER BY arn, eventtime, n
LIMIT 60
/* duckdb:
SELECT arn, eventtime, n, prev_time
FROM (
  SELECT useridentity.arn AS arn, eventtime,
    count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n,
    lag(eventtime) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS prev_time,
    row_number() OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS rn
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole' AND eventsource = 'sts.amazonaws.com'
) AS t
WHERE rn <= 3
ORDER BY arn, eventtime, n
LIMIT 60
*/
