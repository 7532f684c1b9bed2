-- a self-join on a time window: AccessDenied calls that the same principal retried successfully within 5 minutes
SELECT d.useridentity.arn AS arn, d.eventname, count(DISTINCT d.eventid) AS denied_then_ok
FROM cloudtrail_logs AS d
JOIN cloudtrail_logs AS s
  ON s.useridentity.arn = d.useridentity.arn AND s.eventname = d.eventname
 AND s.eventtime > d.eventtime AND s.eventtime <= d.eventtime + INTERVAL '5' MINUTE
WHERE d.errorcode = 'AccessDenied' AND s.errorcode IS NULL
GROUP BY 1, 2
