-- the empty string is a value, NULL is not
SELECT useridentity.username = '' AS empty, useridentity.username IS NULL AS missing, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
