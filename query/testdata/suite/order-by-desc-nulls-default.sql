-- Trino sorts NULLs last for DESC too
SELECT errorcode, count(*) AS n
FROM cloudtrail_logs
GROUP BY errorcode
ORDER BY errorcode DESC
