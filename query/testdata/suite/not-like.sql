-- NOT LIKE drops NULLs as well as matches
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE useragent NOT LIKE 'aws-cli%'
