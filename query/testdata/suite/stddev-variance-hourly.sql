-- spread of hourly call counts per account: stddev, stddev_pop, variance, var_pop, and a single-row group
SELECT account, count(*) AS hours, avg(n) AS mean, stddev(n) AS sd, stddev_pop(n) AS sd_pop,
       variance(n) AS var, var_pop(n) AS var_pop
FROM (SELECT account, date_trunc('hour', eventtime) AS h, count(*) AS n FROM cloudtrail_logs WHERE eventtime IS NOT NULL GROUP BY 1, 2) AS t
GROUP BY account
