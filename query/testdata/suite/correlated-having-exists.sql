-- correlated EXISTS in HAVING over a group key: services with over 100 calls that also had a call denied to a role
SELECT c.eventsource, count(*) AS n
FROM cloudtrail_logs AS c
GROUP BY c.eventsource
HAVING count(*) > 100
   AND EXISTS (SELECT 1 FROM cloudtrail_logs AS d
               WHERE d.eventsource = c.eventsource AND d.errorcode = 'AccessDenied' AND d.useridentity.type = 'AssumedRole')
ORDER BY n DESC, c.eventsource
