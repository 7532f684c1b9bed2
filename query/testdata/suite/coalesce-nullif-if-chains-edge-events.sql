-- chains of COALESCE, NULLIF and IF over NULL and empty strings: NULLIF('', '') is NULL, so the chain falls through to the next value
SELECT eventid,
       coalesce(nullif(useridentity.username, ''), nullif(useridentity.sessioncontext.sessionissuer.username, ''), useridentity.type, 'anonymous') AS who,
       if(nullif(useragent, '') IS NULL, 'no agent', substr(useragent, 1, 5)) AS agent,
       nullif(coalesce(errorcode, ''), '') AS code_or_null,
       if(errorcode IS NULL, NULL, 'x') AS if_null_branch,
       coalesce(CAST(NULL AS VARCHAR), NULL, sourceipaddress) AS ip
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
