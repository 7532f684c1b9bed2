-- per service: calls by principals that were ever denied, and calls with names longer than the average
SELECT eventsource,
       count_if(EXISTS (SELECT 1 FROM cloudtrail_logs d WHERE d.useridentity.arn = c.useridentity.arn AND d.errorcode = 'AccessDenied')) AS by_denied,
       sum(CASE WHEN length(eventname) > (SELECT avg(length(eventname)) FROM cloudtrail_logs) THEN 1 ELSE 0 END) AS longer_names
FROM cloudtrail_logs c
GROUP BY eventsource
ORDER BY by_denied DESC, eventsource
