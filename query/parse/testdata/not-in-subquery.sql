SELECT DISTINCT useridentity_arn
FROM cloudtrail_logs
WHERE useridentity_arn NOT IN (SELECT arn FROM approved_principals WHERE arn IS NOT NULL)
