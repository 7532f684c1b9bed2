-- from_iso8601_timestamp in the select list, truncated
SELECT date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour, count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-03' AND region = 'eu-west-1'
GROUP BY 1
