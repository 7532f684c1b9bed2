-- if(cond, CAST(x AS bigint)) casts only where cond holds, as CASE does
SELECT eventid, if(regexp_like(useridentity.principalid, '^[0-9]+$'), CAST(useridentity.principalid AS bigint)) AS numeric_id,
       if(useridentity.type = 'Root', CAST(useridentity.principalid AS bigint), -1) AS root_id
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT eventid, CASE WHEN regexp_like(useridentity.principalid, '^[0-9]+$') THEN CAST(useridentity.principalid AS bigint) END AS numeric_id,
       CASE WHEN useridentity.type = 'Root' THEN CAST(useridentity.principalid AS bigint) ELSE -1 END AS root_id
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
