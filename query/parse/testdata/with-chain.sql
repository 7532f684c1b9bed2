WITH logins AS (
  SELECT useridentity_arn AS arn, sourceipaddress AS ip, eventtime
  FROM cloudtrail_logs
  WHERE eventname = 'ConsoleLogin'
),
per_user AS (
  SELECT arn, count(DISTINCT ip) AS ips
  FROM logins
  GROUP BY arn
),
flagged AS (
  SELECT arn FROM per_user WHERE ips > 3
)
SELECT l.*
FROM logins l
JOIN flagged f ON l.arn = f.arn
ORDER BY l.arn, l.eventtime
