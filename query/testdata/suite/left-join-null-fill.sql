-- LEFT JOIN keeps unmatched rows with NULLs
WITH users AS (
  SELECT DISTINCT useridentity.arn AS arn FROM cloudtrail_logs WHERE useridentity.type = 'IAMUser'
), denied AS (
  SELECT useridentity.arn AS arn, count(*) AS n FROM cloudtrail_logs WHERE errorcode = 'AccessDenied' GROUP BY 1
)
SELECT u.arn, coalesce(d.n, 0) AS denied, d.arn IS NULL AS never_denied
FROM users u
LEFT JOIN denied d ON u.arn = d.arn
