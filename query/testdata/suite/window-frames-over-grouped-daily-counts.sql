-- window frames over grouped results: moving sums, running average, lag with default, share of day, rank
SELECT eventsource, date, count(*) AS n,
  sum(count(*)) OVER (PARTITION BY eventsource ORDER BY date ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3,
  avg(count(*)) OVER (PARTITION BY eventsource ORDER BY date RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_avg,
  lag(count(*), 1, 0) OVER (PARTITION BY eventsource ORDER BY date) AS prev,
  count(*) * 1.0 / sum(count(*)) OVER (PARTITION BY date) AS share,
  rank() OVER (PARTITION BY date ORDER BY count(*) DESC, eventsource) AS rk,
  sum(count(*)) OVER (PARTITION BY eventsource ORDER BY date ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) AS before2,
  count(*) - first_value(count(*)) OVER (PARTITION BY eventsource ORDER BY date) AS growth
FROM cloudtrail_logs WHERE date IS NOT NULL
GROUP BY eventsource, date
