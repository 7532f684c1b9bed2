-- semi and anti joins written as IN, NOT IN, EXISTS and NOT EXISTS disagree exactly where the key is NULL
WITH denied AS (SELECT DISTINCT useridentity.arn AS arn FROM cloudtrail_logs WHERE errorcode = 'AccessDenied'),
     edge AS (SELECT eventid, useridentity.arn AS arn FROM cloudtrail_logs WHERE eventid LIKE 'edge-%')
SELECT eventid, arn,
       arn IN (SELECT arn FROM denied) AS in_denied,
       arn NOT IN (SELECT arn FROM denied) AS not_in_denied,
       EXISTS (SELECT 1 FROM denied WHERE denied.arn = edge.arn) AS exists_denied,
       NOT EXISTS (SELECT 1 FROM denied WHERE denied.arn = edge.arn) AS not_exists_denied
FROM edge
ORDER BY eventid
