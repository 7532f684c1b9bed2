-- a correlated NOT EXISTS inside a CTE: IAM changes by principals that never signed in to the console, summarised per principal
WITH risky AS (
  SELECT c.useridentity.arn AS arn, c.eventname, c.eventtime
  FROM cloudtrail_logs AS c
  WHERE c.eventsource = 'iam.amazonaws.com' AND c.readonly = false
    AND NOT EXISTS (SELECT 1 FROM cloudtrail_logs AS m WHERE m.useridentity.arn = c.useridentity.arn AND m.eventname = 'ConsoleLogin')
)
SELECT arn, count(*) AS changes, count(DISTINCT eventname) AS apis, min(eventtime) AS first_change
FROM risky
GROUP BY arn
