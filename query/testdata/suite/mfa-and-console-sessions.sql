-- console sessions and MFA together
SELECT sessioncredentialfromconsole AS console, useridentity.sessioncontext.attributes.mfaauthenticated AS mfa, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
