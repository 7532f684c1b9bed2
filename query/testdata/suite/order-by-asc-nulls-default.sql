-- NULLs last for ASC by default
SELECT useridentity.type AS type, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
ORDER BY type
