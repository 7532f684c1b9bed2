-- IN (list)
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventname IN ('GetObject', 'PutObject', 'CopyObject')
GROUP BY eventname
