-- EXTRACT(hour FROM eventtime): calls outside office hours
SELECT useridentity.type AS type, count(*) AS n
FROM cloudtrail_logs
WHERE extract(hour FROM eventtime) NOT BETWEEN 8 AND 18
GROUP BY 1
