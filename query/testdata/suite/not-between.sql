-- NOT BETWEEN on strings
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventname NOT BETWEEN 'D' AND 'G'
GROUP BY eventname
