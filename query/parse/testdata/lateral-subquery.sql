SELECT p.arn, x.n
FROM approved_principals p,
LATERAL (SELECT count(*) AS n FROM cloudtrail_logs c WHERE c.useridentity_arn = p.arn) x
