SELECT useridentity_arn,
       min_by(sourceipaddress, eventtime) AS first_ip,
       max_by(sourceipaddress, eventtime) AS last_ip,
       max_by(eventname, eventtime, 3) AS last_three
FROM cloudtrail_logs
GROUP BY useridentity_arn
