-- the flat column names work next to the dotted ones
SELECT useridentity_sessioncontext_sessionissuer_arn AS flat, useridentity.sessioncontext.sessionissuer.arn AS dotted, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity_type = 'AssumedRole'
GROUP BY 1, 2
