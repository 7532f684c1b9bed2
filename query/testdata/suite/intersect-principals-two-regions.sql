-- INTERSECT: principals active in both us-east-1 and eu-west-1 on the same day
SELECT useridentity.arn AS arn FROM cloudtrail_logs
WHERE region = 'us-east-1' AND date = '2026-01-02' AND useridentity.arn IS NOT NULL
INTERSECT
SELECT useridentity.arn FROM cloudtrail_logs
WHERE region = 'eu-west-1' AND date = '2026-01-02'
