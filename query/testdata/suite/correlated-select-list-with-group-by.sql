-- a correlated scalar subquery in the select list of a grouped query: per service, its calls and the distinct principals denied on it
SELECT c.eventsource, count(*) AS n,
  (SELECT count(DISTINCT d.useridentity.arn) FROM cloudtrail_logs AS d WHERE d.eventsource = c.eventsource AND d.errorcode = 'AccessDenied') AS denied_principals
FROM cloudtrail_logs AS c
WHERE c.account = '252456891452'
GROUP BY c.eventsource
