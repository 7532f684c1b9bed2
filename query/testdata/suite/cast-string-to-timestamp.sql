-- a string cast to TIMESTAMP compared with eventtime
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= CAST('2026-01-02 12:00:00' AS TIMESTAMP) AND eventtime < CAST('2026-01-02 13:00:00' AS TIMESTAMP)
