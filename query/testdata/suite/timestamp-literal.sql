-- TIMESTAMP literals bound an hour
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMP '2026-01-02 06:00:00' AND eventtime < TIMESTAMP '2026-01-02 07:00:00'
GROUP BY eventname
