-- EXCEPT: IAM users calling from a source IP on the last day that they never used before
SELECT useridentity.arn AS arn, sourceipaddress FROM cloudtrail_logs
WHERE date = '2026-01-03' AND useridentity.type = 'IAMUser'
EXCEPT
SELECT useridentity.arn, sourceipaddress FROM cloudtrail_logs
WHERE date < '2026-01-03'
