SELECT eventtime, eventname, useridentity_arn
FROM cloudtrail_logs
WHERE useridentity_arn IN (
  SELECT useridentity_arn FROM cloudtrail_logs
  WHERE eventname = 'DeleteTrail'
)
ORDER BY eventtime
