-- a correlated scalar subquery: each IAM user's latest call (the event whose time is that user's maximum)
SELECT c.useridentity.username AS username, c.eventname, c.eventtime
FROM cloudtrail_logs AS c
WHERE c.useridentity.type = 'IAMUser' AND c.account = '252456891452'
  AND c.eventtime = (SELECT max(l.eventtime) FROM cloudtrail_logs AS l WHERE l.useridentity.arn = c.useridentity.arn)
