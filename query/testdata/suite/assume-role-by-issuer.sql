-- assumed-role sessions by issuing role and MFA
SELECT useridentity.sessioncontext.sessionissuer.username AS role_name,
       useridentity.sessioncontext.sessionissuer.arn AS role_arn,
       useridentity.sessioncontext.attributes.mfaauthenticated AS mfa,
       count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole'
GROUP BY 1, 2, 3
