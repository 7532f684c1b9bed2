-- one display name per caller: userName, else the issuer role, else the session part of principalId (split_part on ':'), else the type
SELECT coalesce(nullif(useridentity.username, ''), useridentity.sessioncontext.sessionissuer.username,
                split_part(useridentity.principalid, ':', 2), useridentity.type, 'unknown') AS display_name,
       useridentity.type AS principal_type,
       count(*) AS calls,
       count(DISTINCT split_part(useridentity.principalid, ':', 1)) AS principal_ids
FROM cloudtrail_logs
GROUP BY 1, 2
HAVING count(*) >= 300 OR useridentity.type IS NULL OR useridentity.type = 'Root'
ORDER BY calls DESC, display_name, principal_type NULLS FIRST
