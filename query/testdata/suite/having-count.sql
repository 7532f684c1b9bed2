-- HAVING on an aggregate
SELECT sourceipaddress, count(*) AS n
FROM cloudtrail_logs
GROUP BY sourceipaddress
HAVING count(*) > 500
