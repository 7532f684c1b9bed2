-- coalesce over the identity fields
SELECT coalesce(useridentity.username, useridentity.sessioncontext.sessionissuer.username, useridentity.invokedby, 'unknown') AS who,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
