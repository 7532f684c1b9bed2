-- eventtime BETWEEN two ISO strings
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime BETWEEN '2026-01-01T12:00:00Z' AND '2026-01-01T13:00:00Z'
GROUP BY eventname
