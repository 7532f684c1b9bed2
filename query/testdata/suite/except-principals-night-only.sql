-- principals that were active between 00:00 and 05:00 UTC but never during 09:00-17:00 (EXCEPT of two distinct sets), with their night calls
WITH night AS (
  SELECT DISTINCT useridentity.arn AS arn FROM cloudtrail_logs
  WHERE hour(eventtime) < 5 AND useridentity.arn IS NOT NULL
  EXCEPT
  SELECT DISTINCT useridentity.arn FROM cloudtrail_logs
  WHERE hour(eventtime) BETWEEN 9 AND 16
)
SELECT n.arn, count(*) AS calls, min(c.eventtime) AS first_seen, max(c.eventtime) AS last_seen
FROM night AS n
JOIN cloudtrail_logs AS c ON c.useridentity.arn = n.arn
GROUP BY n.arn
ORDER BY calls DESC, n.arn
