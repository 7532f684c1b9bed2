-- throttled calls per principal and hour
SELECT date_trunc('hour', eventtime) AS hour, useridentity.arn AS arn, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode = 'ThrottlingException' AND region = 'us-east-1'
GROUP BY 1, 2
