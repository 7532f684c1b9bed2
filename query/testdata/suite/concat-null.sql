-- concat() is NULL when an argument is
SELECT concat(useridentity.username, '@', account) IS NULL AS null_result, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
