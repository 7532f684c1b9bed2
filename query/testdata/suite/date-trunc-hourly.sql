-- date_trunc('hour') buckets in order, the NULL bucket last
SELECT date_trunc('hour', eventtime) AS hour, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
ORDER BY 1
