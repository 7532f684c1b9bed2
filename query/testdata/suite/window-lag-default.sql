-- lag(x, 1, default) over daily totals
SELECT date, n, n - lag(n, 1, 0) OVER (ORDER BY date) AS change
FROM (SELECT date, count(*) AS n FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY date) AS t
