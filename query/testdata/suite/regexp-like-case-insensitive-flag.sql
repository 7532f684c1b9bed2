-- regexp_like with the (?i) flag: roles and sessions that look privileged, whatever their case
SELECT useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS n
FROM cloudtrail_logs
WHERE regexp_like(useridentity.arn, '(?i)(admin|organizationaccountaccess|poweruser)')
GROUP BY 1
/* duckdb:
SELECT useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS n
FROM cloudtrail_logs
WHERE regexp_matches(useridentity.arn, '(admin|organizationaccountaccess|poweruser)', 'i')
GROUP BY 1
*/
