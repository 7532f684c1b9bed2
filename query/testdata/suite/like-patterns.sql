-- LIKE with % and _
SELECT useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.arn LIKE 'arn:aws:sts::%:assumed-role/admin-%'
   OR useridentity.arn LIKE 'arn:aws:sts::____________:assumed-role/deploy-%'
GROUP BY 1
