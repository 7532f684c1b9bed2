SELECT eventid, last_value(errorcode) IGNORE NULLS OVER (PARTITION BY useridentity_arn ORDER BY eventtime) AS last_error,
       lead(eventname, 1, 'none') OVER (PARTITION BY useridentity_arn ORDER BY eventtime RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS next_event
FROM cloudtrail_logs
