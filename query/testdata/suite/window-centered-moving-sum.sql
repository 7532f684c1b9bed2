-- centred moving sum and average of hourly calls: ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING
SELECT h, n,
       sum(n) OVER (ORDER BY h ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS centred,
       avg(n) OVER (ORDER BY h ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS prior_avg,
       max(n) OVER (ORDER BY h ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS max_ahead
FROM (SELECT date_trunc('hour', eventtime) AS h, count(*) AS n FROM cloudtrail_logs
      WHERE account = '087463005387' AND date = '2026-01-02' GROUP BY 1) AS t
ORDER BY h
