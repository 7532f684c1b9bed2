SELECT useridentity_arn FROM cloudtrail_logs WHERE eventname = 'AssumeRole'
UNION
SELECT useridentity_arn FROM cloudtrail_logs WHERE eventname = 'GetSessionToken'
INTERSECT
SELECT useridentity_arn FROM cloudtrail_logs WHERE errorcode IS NOT NULL
