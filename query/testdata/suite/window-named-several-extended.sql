-- one named window shared by five calls and extended by a frame, a second extending the first with ORDER BY: each root principal's call sequence
SELECT arn, eventtime, eventid, rn, rk, prev_name, running, moving3, part_total, last_name
FROM (
  SELECT useridentity.arn AS arn, eventtime, eventid,
    row_number() OVER o AS rn, rank() OVER o AS rk, lag(eventname) OVER o AS prev_name,
    count(*) OVER o AS running,
    count(*) OVER (o ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving3,
    count(*) OVER p AS part_total,
    first_value(eventname) OVER (p ORDER BY eventtime DESC, eventid DESC) AS last_name
  FROM cloudtrail_logs
  WHERE useridentity.type = 'Root'
  WINDOW p AS (PARTITION BY useridentity.arn), o AS (p ORDER BY eventtime, eventid)
) AS t
ORDER BY arn, rn
LIMIT 100
/* duckdb:
SELECT arn, eventtime, eventid, rn, rk, prev_name, running, moving3, part_total, last_name
FROM (
  SELECT useridentity.arn AS arn, eventtime, eventid,
    row_number() OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS rn,
    rank() OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS rk,
    lag(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS prev_name,
    count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS running,
    count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving3,
    count(*) OVER (PARTITION BY useridentity.arn) AS part_total,
    first_value(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime DESC, eventid DESC) AS last_name
  FROM cloudtrail_logs
  WHERE useridentity.type = 'Root'
) AS t
ORDER BY arn, rn
LIMIT 100
*/
