-- WHERE NOT digits OR CAST(x AS bigint) > n: the cast sees only the rows the first disjunct leaves undecided
SELECT eventid
FROM cloudtrail_logs
WHERE account = '123456789012' AND (NOT regexp_like(coalesce(useridentity.principalid, 'x'), '^[0-9]+$') OR CAST(useridentity.principalid AS bigint) > 100)
