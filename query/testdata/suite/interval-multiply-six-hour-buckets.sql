-- six-hour buckets from the hour: date_trunc('day') + hour / 6 * INTERVAL '6' HOUR, errors per bucket and service
SELECT date_trunc('day', eventtime) + hour(eventtime) / 6 * INTERVAL '6' HOUR AS bucket, eventsource, count(*) AS errors
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND account = '252456891452'
GROUP BY 1, 2
/* duckdb:
SELECT date_trunc('day', eventtime) + to_hours(CAST((hour(eventtime) // 6) * 6 AS BIGINT)) AS bucket, eventsource, count(*) AS errors
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND account = '252456891452'
GROUP BY 1, 2
*/
