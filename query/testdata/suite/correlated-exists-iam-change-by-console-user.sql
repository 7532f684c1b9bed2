-- correlated EXISTS: IAM changes made by principals that also signed in to the console
SELECT c.useridentity.arn AS arn, c.eventname, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.eventsource = 'iam.amazonaws.com' AND c.readonly = false
  AND EXISTS (
    SELECT 1 FROM cloudtrail_logs AS l
    WHERE l.eventname = 'ConsoleLogin' AND l.useridentity.arn = c.useridentity.arn
  )
GROUP BY 1, 2
