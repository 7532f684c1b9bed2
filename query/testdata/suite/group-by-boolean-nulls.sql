-- groups on nullable booleans
SELECT readonly, managementevent, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
