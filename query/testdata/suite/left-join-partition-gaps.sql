-- LEFT JOIN from every account/day to its failed calls
WITH days AS (
  SELECT DISTINCT account, date FROM cloudtrail_logs
), failed AS (
  SELECT account, date, count(*) AS n FROM cloudtrail_logs WHERE errorcode = 'ThrottlingException' AND region = 'eu-west-1' GROUP BY 1, 2
)
SELECT d.account, d.date, f.n
FROM days d
LEFT JOIN failed f ON d.account = f.account AND d.date = f.date
