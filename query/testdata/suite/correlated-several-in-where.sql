-- EXISTS, NOT EXISTS and a correlated scalar comparison in one WHERE: IAM users' writes on days they were denied something, made no KMS call, after their first-ever error
SELECT c.useridentity.arn AS arn, c.date, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.useridentity.type = 'IAMUser' AND c.readonly = false
  AND EXISTS (SELECT 1 FROM cloudtrail_logs AS e
              WHERE e.useridentity.arn = c.useridentity.arn AND e.date = c.date AND e.errorcode = 'AccessDenied')
  AND NOT EXISTS (SELECT 1 FROM cloudtrail_logs AS k
                  WHERE k.useridentity.arn = c.useridentity.arn AND k.date = c.date AND k.eventsource = 'kms.amazonaws.com' AND k.readonly = false)
  AND c.eventtime > (SELECT min(f.eventtime) FROM cloudtrail_logs AS f WHERE f.useridentity.arn = c.useridentity.arn AND f.errorcode IS NOT NULL)
GROUP BY 1, 2
