-- an aggregate of aggregates through nested derived tables: the busiest hour per account, and its average
SELECT account, max(n) AS busiest_hour, min(n) AS quietest_hour, avg(n) AS mean_hour, count(*) AS hours
FROM (
  SELECT account, h, count(*) AS n
  FROM (SELECT account, date_trunc('hour', eventtime) AS h FROM cloudtrail_logs WHERE eventtime IS NOT NULL) AS x
  GROUP BY account, h
) AS t
GROUP BY account
