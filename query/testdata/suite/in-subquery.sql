-- IN (subquery): everything done by principals that logged in to the console
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.arn IN (SELECT useridentity.arn FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin')
GROUP BY eventname
