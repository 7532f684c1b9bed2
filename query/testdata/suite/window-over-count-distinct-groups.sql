-- aggregate of DISTINCT inside a window over grouped rows, percent_rank and cume_dist with ties
SELECT account, region, count(DISTINCT eventname) AS apis,
  max(count(DISTINCT eventname)) OVER (PARTITION BY account) AS max_apis,
  percent_rank() OVER (ORDER BY count(DISTINCT eventname)) AS pr,
  cume_dist() OVER (PARTITION BY region ORDER BY count(DISTINCT eventname) DESC) AS cd,
  ntile(2) OVER (ORDER BY count(DISTINCT eventname), account, region) AS half
FROM cloudtrail_logs
GROUP BY account, region
