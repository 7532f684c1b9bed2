-- a display name for every principal: coalesce over nullif('') of several identity fields
SELECT coalesce(nullif(useridentity.username, ''), useridentity.sessioncontext.sessionissuer.username,
                useridentity.invokedby, split_part(useridentity.principalid, ':', 2), 'unknown') AS who,
       useridentity.type AS type, count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR (account = '087463005387' AND date = '2026-01-01' AND region = 'us-east-1')
GROUP BY 1, 2
