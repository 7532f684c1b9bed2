-- correlated scalar subqueries over a grouped derived table: each IAM user's daily calls beside the errors they made that day and their first call ever
SELECT u.arn, u.day, u.calls,
  (SELECT count(*) FROM cloudtrail_logs AS e WHERE e.useridentity.arn = u.arn AND e.date = u.day AND e.errorcode IS NOT NULL) AS errors,
  (SELECT min(e.eventtime) FROM cloudtrail_logs AS e WHERE e.useridentity.arn = u.arn) AS first_seen
FROM (SELECT useridentity.arn AS arn, date AS day, count(*) AS calls
      FROM cloudtrail_logs
      WHERE useridentity.type = 'IAMUser' AND account = '252456891452'
      GROUP BY 1, 2) AS u
ORDER BY u.arn, u.day
