-- CAST of eventtime to DATE then VARCHAR, and of date strings to DATE and TIMESTAMP
SELECT CAST(CAST(eventtime AS DATE) AS VARCHAR) AS day_text,
       CAST(date AS DATE) = CAST(eventtime AS DATE) AS same_day,
       CAST(date || ' 12:00:00' AS TIMESTAMP) AS noon,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1, 2, 3
