-- ASC NULLS FIRST
SELECT errorcode, count(*) AS n
FROM cloudtrail_logs
GROUP BY errorcode
ORDER BY errorcode ASC NULLS FIRST
