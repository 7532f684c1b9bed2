-- denied calls per service and day
SELECT date, eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode LIKE '%AccessDenied%' OR errorcode LIKE '%Unauthorized%'
GROUP BY 1, 2
