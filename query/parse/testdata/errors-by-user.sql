SELECT useridentity.arn AS principal, errorcode, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL
GROUP BY 1, 2
ORDER BY n DESC
LIMIT 50
