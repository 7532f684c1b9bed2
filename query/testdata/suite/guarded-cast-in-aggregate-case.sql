-- a guarded cast inside an aggregate's argument and in a FILTER
SELECT account, sum(CASE WHEN regexp_like(useridentity.principalid, '^[0-9]+$') THEN CAST(useridentity.principalid AS bigint) % 1000 END) AS s,
       count(*) FILTER (WHERE CASE WHEN useridentity.type = 'Root' THEN CAST(useridentity.principalid AS bigint) > 0 END) AS roots
FROM cloudtrail_logs
WHERE account = '123456789012'
GROUP BY account
