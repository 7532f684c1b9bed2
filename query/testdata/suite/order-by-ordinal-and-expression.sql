-- ORDER BY an ordinal and an expression not selected
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventname
ORDER BY 2 DESC, lower(eventname)
