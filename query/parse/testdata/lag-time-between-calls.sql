SELECT useridentity_arn, eventtime,
       date_diff('second', lag(eventtime) OVER (PARTITION BY useridentity_arn ORDER BY eventtime), eventtime) AS gap_seconds
FROM cloudtrail_logs
WHERE eventsource = 'sts.amazonaws.com'
