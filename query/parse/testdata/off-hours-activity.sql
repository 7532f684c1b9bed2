SELECT useridentity_arn, eventname, eventtime
FROM cloudtrail_logs
WHERE (hour(eventtime) < 6 OR hour(eventtime) >= 22 OR day_of_week(eventtime) IN (6, 7))
  AND readonly = false
  AND useridentity_type <> 'AWSService'
