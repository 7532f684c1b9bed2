-- inner equi-join of two aggregates
WITH logins AS (
  SELECT useridentity.arn AS arn, count(*) AS logins
  FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' GROUP BY 1
), calls AS (
  SELECT useridentity.arn AS arn, count(*) AS calls
  FROM cloudtrail_logs WHERE eventname <> 'ConsoleLogin' GROUP BY 1
)
SELECT l.arn, l.logins, c.calls
FROM logins l
JOIN calls c ON l.arn = c.arn
