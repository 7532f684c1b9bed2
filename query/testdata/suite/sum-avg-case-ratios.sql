-- error rate per service: sum(CASE ...) over count(*) as a double, rounded to 4 places
SELECT eventsource, sum(CASE WHEN errorcode IS NOT NULL THEN 1 ELSE 0 END) AS errors,
       round(CAST(sum(CASE WHEN errorcode IS NOT NULL THEN 1 ELSE 0 END) AS DOUBLE) / count(*), 4) AS error_rate,
       avg(CASE WHEN readonly THEN 1 ELSE 0 END) AS read_share
FROM cloudtrail_logs
GROUP BY eventsource
