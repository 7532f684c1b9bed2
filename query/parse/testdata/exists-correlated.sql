SELECT c.useridentity_arn, c.eventname
FROM cloudtrail_logs c
WHERE c.eventname = 'CreateUser'
  AND NOT EXISTS (
    SELECT 1 FROM cloudtrail_logs d
    WHERE d.eventname = 'DeleteUser' AND d.useridentity_arn = c.useridentity_arn
  )
