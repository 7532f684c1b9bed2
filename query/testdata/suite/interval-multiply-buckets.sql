-- 15-minute buckets: date_trunc('hour') plus (minute / 15) * INTERVAL '15' MINUTE
SELECT date_trunc('hour', eventtime) + (minute(eventtime) / 15) * INTERVAL '15' MINUTE AS bucket, count(*) AS errors
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND date = '2026-01-02' AND account = '256224797377'
GROUP BY 1
/* duckdb:
SELECT date_trunc('hour', eventtime) + to_minutes(CAST((minute(eventtime) // 15) * 15 AS BIGINT)) AS bucket, count(*) AS errors
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND date = '2026-01-02' AND account = '256224797377'
GROUP BY 1
*/
