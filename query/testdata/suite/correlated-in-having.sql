-- users, per account, one of whose denied calls was a call they also made on another account's resources
SELECT account, useridentity.arn AS arn, count(*) AS n
FROM cloudtrail_logs c
WHERE useridentity.arn IS NOT NULL
GROUP BY account, useridentity.arn
HAVING 'AccessDenied' IN (SELECT e.errorcode FROM cloudtrail_logs e WHERE e.useridentity.arn = c.useridentity.arn AND e.account = c.account)
ORDER BY n DESC, arn, account
LIMIT 20
