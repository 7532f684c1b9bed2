-- a join on account and date: each day's share of its account
WITH daily AS (
  SELECT account, date, count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2
), total AS (
  SELECT account, count(*) AS n FROM cloudtrail_logs GROUP BY 1
)
SELECT d.account, d.date, d.n, t.n AS account_total
FROM daily d
JOIN total t ON d.account = t.account
