-- LIKE over useridentity.sessioncontext.sessionissuer.*: who uses admin-like roles, by session name
SELECT useridentity.sessioncontext.sessionissuer.username AS role, upper(split_part(useridentity.arn, '/', 3)) AS session, count(*) AS n
FROM cloudtrail_logs
WHERE lower(useridentity.sessioncontext.sessionissuer.username) LIKE '%admin%'
   OR useridentity.sessioncontext.sessionissuer.arn LIKE '%:role/OrganizationAccountAccessRole'
GROUP BY 1, 2
