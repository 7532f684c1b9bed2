-- searched CASE
SELECT CASE WHEN errorcode IS NULL THEN 'ok'
            WHEN errorcode LIKE '%Denied%' OR errorcode LIKE '%Unauthorized%' THEN 'denied'
            ELSE 'other' END AS outcome,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
