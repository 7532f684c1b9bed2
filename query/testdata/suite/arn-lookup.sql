-- one principal ARN
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.arn = 'arn:aws:iam::123456789012:user/edge'
GROUP BY eventname
