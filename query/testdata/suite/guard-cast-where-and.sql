-- WHERE regexp_like(x, digits) AND CAST(x AS bigint) > n: the cast sees only the rows the guard keeps
SELECT eventid, useridentity.principalid AS pid
FROM cloudtrail_logs
WHERE account = '123456789012' AND regexp_like(useridentity.principalid, '^[0-9]+$') AND CAST(useridentity.principalid AS bigint) > 100
