-- CAST to DATE, VARCHAR, BIGINT and DOUBLE
SELECT CAST(eventtime AS DATE) AS day, CAST(readonly AS VARCHAR) AS ro, CAST(count(*) AS VARCHAR) AS n,
       CAST('42' AS BIGINT) + 1 AS answer, CAST(count(*) AS DOUBLE) / 2 AS half
FROM cloudtrail_logs
GROUP BY 1, 2
