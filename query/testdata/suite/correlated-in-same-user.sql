-- calls a user made that the same user was also denied at some point, and denied users' calls of services they never failed on
SELECT c.eventsource, count(*) AS calls,
       count_if(c.eventsource NOT IN (SELECT f.eventsource FROM cloudtrail_logs f
                                      WHERE f.useridentity.arn = c.useridentity.arn AND f.errorcode IS NOT NULL)) AS never_failed
FROM cloudtrail_logs c
WHERE c.eventname IN (SELECT d.eventname FROM cloudtrail_logs d
                      WHERE d.useridentity.arn = c.useridentity.arn AND d.errorcode = 'AccessDenied')
GROUP BY c.eventsource
ORDER BY calls DESC, c.eventsource
