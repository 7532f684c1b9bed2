WITH daily(d, n) AS (SELECT date, count(*) FROM cloudtrail_logs GROUP BY date)
SELECT d, n, n - lag(n) OVER (ORDER BY d) AS delta FROM daily
