-- correlated scalar subqueries in the select list and WHERE: each principal's last failing call before its first console login of the day
SELECT c.useridentity.arn AS arn, c.date, min(c.eventtime) AS first_login,
       (SELECT count(*) FROM cloudtrail_logs e WHERE e.useridentity.arn = c.useridentity.arn AND e.date = c.date AND e.errorcode IS NOT NULL) AS errors_that_day
FROM cloudtrail_logs c
WHERE c.eventname = 'ConsoleLogin'
  AND EXISTS (SELECT 1 FROM cloudtrail_logs x WHERE x.useridentity.arn = c.useridentity.arn AND x.eventsource = 'iam.amazonaws.com')
GROUP BY c.useridentity.arn, c.date
