-- Athena-ism: readonly = 'true' compares as a boolean
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE readonly = 'true' AND eventsource = 's3.amazonaws.com'
GROUP BY eventname
