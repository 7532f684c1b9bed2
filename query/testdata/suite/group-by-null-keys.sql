-- NULL and the empty string are different groups
SELECT errorcode, count(*) AS n
FROM cloudtrail_logs
GROUP BY errorcode
