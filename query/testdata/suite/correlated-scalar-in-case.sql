-- correlated scalar subqueries inside CASE and date_diff in the select list: each root call labelled by the principal's denial history, and seconds since its first call
SELECT c.eventid, c.eventname,
  CASE WHEN (SELECT count(*) FROM cloudtrail_logs AS e
             WHERE e.useridentity.arn = c.useridentity.arn AND e.errorcode = 'AccessDenied') > 0 THEN 'denied at some point' ELSE 'never denied' END AS history,
  date_diff('second', (SELECT min(e.eventtime) FROM cloudtrail_logs AS e WHERE e.useridentity.arn = c.useridentity.arn), c.eventtime) AS since_first
FROM cloudtrail_logs AS c
WHERE c.useridentity.type = 'Root' AND c.account = '252456891452' AND c.date = '2026-01-03'
ORDER BY c.eventid
