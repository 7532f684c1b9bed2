-- stolen-key check: access keys whose first call (row_number over the key's calls) was sts:GetCallerIdentity, per principal type and key kind
WITH firsts AS (
  SELECT useridentity.type AS principal_type, substr(useridentity.accesskeyid, 1, 4) AS key_kind, eventname, sourceipaddress,
         row_number() OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS rn
  FROM cloudtrail_logs
  WHERE useridentity.accesskeyid IS NOT NULL
)
SELECT principal_type, key_kind,
       count(*) AS keys,
       count_if(eventname = 'GetCallerIdentity') AS first_was_whoami,
       count(DISTINCT sourceipaddress) FILTER (WHERE eventname = 'GetCallerIdentity') AS whoami_ips
FROM firsts
WHERE rn = 1
GROUP BY 1, 2
ORDER BY 1, 2
