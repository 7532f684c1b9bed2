-- who is denied most
SELECT useridentity.arn AS arn, errorcode, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')
GROUP BY 1, 2
ORDER BY n DESC, arn, errorcode
LIMIT 20
