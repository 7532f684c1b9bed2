SELECT useridentity_arn, eventname, eventtime
FROM (
  SELECT useridentity_arn, eventname, eventtime,
         row_number() OVER (PARTITION BY useridentity_arn ORDER BY eventtime DESC) AS rn
  FROM cloudtrail_logs
) ranked
WHERE rn = 1
