-- LIKE with ESCAPE '!' and '_' wildcards: role names with a literal underscore
SELECT useridentity.sessioncontext.sessionissuer.username LIKE 'AWSReservedSSO!_%' ESCAPE '!' AS sso,
       useridentity.sessioncontext.sessionissuer.username LIKE '____-____' AS nine_chars_dash,
       count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1, 2
