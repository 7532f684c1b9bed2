-- CAST(... AS DECIMAL(p, s)) to round report figures: average user-agent length and error percentage per service
SELECT eventsource,
       CAST(avg(length(useragent)) AS DECIMAL(10, 2)) AS avg_agent_length,
       CAST(100 * CAST(count_if(errorcode IS NOT NULL) AS DOUBLE) / count(*) AS DECIMAL(5, 2)) AS error_pct
FROM cloudtrail_logs
GROUP BY eventsource
