-- HAVING without GROUP BY: one row when the condition holds, none otherwise
SELECT count(*) AS n, count(DISTINCT eventname) AS apis
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com'
HAVING count(*) > 10
