-- day_of_week and hour: a weekday by hour heat map of sign-ins and IAM calls
SELECT day_of_week(eventtime) AS dow, hour(eventtime) AS hr, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource IN ('signin.amazonaws.com', 'iam.amazonaws.com')
GROUP BY 1, 2
