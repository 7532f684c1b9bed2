-- Athena-ism: eventtime compared with ISO strings
SELECT region, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= '2026-01-02T00:00:00Z' AND eventtime < '2026-01-03T00:00:00Z'
GROUP BY region
