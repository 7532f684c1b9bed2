SELECT DISTINCT useridentity_arn,
       first_value(eventname) OVER (PARTITION BY useridentity_arn ORDER BY eventtime) AS first_event,
       last_value(eventname) OVER (PARTITION BY useridentity_arn ORDER BY eventtime
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_event
FROM cloudtrail_logs
WHERE useridentity_arn IS NOT NULL
