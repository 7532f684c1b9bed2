-- top-N: ORDER BY count DESC LIMIT
SELECT sourceipaddress, count(*) AS n
FROM cloudtrail_logs
GROUP BY sourceipaddress
ORDER BY n DESC, sourceipaddress
LIMIT 10
