-- a correlated EXISTS under a join: the subquery correlates with both join sides (the VALUES team map and the events)
SELECT w.label, e.eventname, count(*) AS n
FROM cloudtrail_logs AS e
JOIN (VALUES ('iam.amazonaws.com', 'identity'), ('kms.amazonaws.com', 'keys'), ('s3.amazonaws.com', 'data')) AS w(source, label)
  ON e.eventsource = w.source
WHERE e.account = '252456891452' AND e.readonly = false
  AND EXISTS (SELECT 1 FROM cloudtrail_logs AS d
              WHERE d.errorcode = 'AccessDenied' AND d.eventsource = w.source AND d.useridentity.arn = e.useridentity.arn)
GROUP BY 1, 2
