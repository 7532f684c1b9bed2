SELECT eventname, count(*) AS n, approx_distinct(useridentity_arn) AS actors
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
  AND readonly = false
GROUP BY eventname
ORDER BY n DESC
