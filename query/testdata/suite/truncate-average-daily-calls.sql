-- truncate(): average calls per principal and day, cut (not rounded) to whole calls and to one decimal
SELECT account, truncate(avg(n)) AS avg_calls, truncate(avg(n) * 10) / 10 AS avg_calls_1dp
FROM (
  SELECT account, date, useridentity.arn AS arn, count(*) AS n
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
  GROUP BY 1, 2, 3
) AS t
GROUP BY account
/* duckdb:
SELECT account, trunc(avg(n)) AS avg_calls, trunc(avg(n) * 10) / 10 AS avg_calls_1dp
FROM (
  SELECT account, date, useridentity.arn AS arn, count(*) AS n
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
  GROUP BY 1, 2, 3
) AS t
GROUP BY account
*/
