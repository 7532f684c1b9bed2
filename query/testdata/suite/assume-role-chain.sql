-- AssumeRole chains: who assumed which role, and how many calls that role's sessions made afterwards on the same day
WITH assumes AS (
  SELECT account, date, useridentity.arn AS caller, split_part(json_extract_scalar(requestparameters, '$.roleArn'), '/', 2) AS role
  FROM cloudtrail_logs
  WHERE eventname = 'AssumeRole' AND errorcode IS NULL AND useridentity.type = 'IAMUser' AND account = '252456891452'
), sessions AS (
  SELECT account, date, useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS calls
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole' AND account = '252456891452'
  GROUP BY 1, 2, 3
)
SELECT a.caller, a.role, a.date, count(*) AS assumes, max(s.calls) AS role_calls_that_day
FROM assumes AS a LEFT JOIN sessions AS s ON a.account = s.account AND a.date = s.date AND a.role = s.role
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
