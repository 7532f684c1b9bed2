SELECT sourceipaddress, count(DISTINCT useridentity_arn) AS principals, count(*) AS calls
FROM cloudtrail_logs
GROUP BY sourceipaddress
HAVING count(DISTINCT useridentity_arn) > 10 AND count(*) > 1000
ORDER BY principals DESC, calls DESC
