-- failure rates per service and day
SELECT date, eventsource, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       CAST(count_if(errorcode IS NOT NULL) AS DOUBLE) / count(*) AS error_rate
FROM cloudtrail_logs
WHERE date IS NOT NULL
GROUP BY 1, 2
