-- roles assumed, joined to the calls made by their sessions
WITH assumed AS (
  SELECT DISTINCT json_extract_scalar(requestparameters, '$.roleArn') AS role_arn
  FROM cloudtrail_logs
  WHERE eventname = 'AssumeRole' AND errorcode IS NULL
)
SELECT c.useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS calls
FROM cloudtrail_logs c
JOIN assumed a ON c.useridentity.sessioncontext.sessionissuer.arn = a.role_arn
GROUP BY 1
