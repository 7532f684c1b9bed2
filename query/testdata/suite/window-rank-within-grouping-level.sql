-- windows over GROUPING SETS results: rank within each grouping level
SELECT account, region, grouping(account, region) AS g, count(*) AS n,
  rank() OVER (PARTITION BY grouping(account, region) ORDER BY count(*) DESC) AS rk,
  sum(count(*)) OVER (PARTITION BY grouping(account, region)) AS level_total
FROM cloudtrail_logs
GROUP BY GROUPING SETS ((account, region), (account), ())
