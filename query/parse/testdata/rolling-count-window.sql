SELECT date, n,
       sum(n) OVER (ORDER BY date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS rolling_7d,
       avg(n) OVER (ORDER BY date ROWS 2 PRECEDING) AS avg_3d,
       sum(n) OVER (ORDER BY date ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next2
FROM (SELECT date, count(*) AS n FROM cloudtrail_logs GROUP BY date) AS daily
ORDER BY date
