-- a correlated count(*) in the select list, 0 where nothing matches: for each console login, the failed calls the same principal made that day
SELECT l.useridentity.arn AS arn, l.eventtime,
  (SELECT count(*) FROM cloudtrail_logs AS e
   WHERE e.errorcode IS NOT NULL AND e.useridentity.arn = l.useridentity.arn AND e.date = l.date) AS failures,
  (SELECT max(e.eventtime) FROM cloudtrail_logs AS e
   WHERE e.useridentity.arn = l.useridentity.arn AND e.errorcode = 'AccessDenied') AS last_denied
FROM cloudtrail_logs AS l
WHERE l.eventname = 'ConsoleLogin'
ORDER BY failures, last_denied NULLS FIRST, arn, l.eventtime
LIMIT 40
