-- a correlated scalar subquery in the select list beside window functions: each root call's sequence number, the root calls of its day, and the account's root errors
SELECT c.account, c.eventtime, c.eventname,
  row_number() OVER (PARTITION BY c.account ORDER BY c.eventtime, c.eventid) AS seq,
  count(*) OVER (PARTITION BY c.account) AS root_calls,
  (SELECT count(*) FROM cloudtrail_logs AS e
   WHERE e.account = c.account AND e.errorcode IS NOT NULL AND e.useridentity.type = 'Root') AS root_errors
FROM cloudtrail_logs AS c
WHERE c.useridentity.type = 'Root' AND c.date = '2026-01-02'
ORDER BY c.account, seq
LIMIT 60
