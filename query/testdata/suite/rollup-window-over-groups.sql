-- window functions over a ROLLUP's result: each service's rank in its account and its account's total, subtotal rows ranked in their own partition
SELECT account, eventsource, grouping(account, eventsource) AS g, count(*) AS n,
  rank() OVER (PARTITION BY grouping(account, eventsource), account ORDER BY count(*) DESC, eventsource) AS rk,
  sum(count(*)) OVER (PARTITION BY grouping(eventsource), account) AS level_total
FROM cloudtrail_logs
WHERE account IS NOT NULL
GROUP BY ROLLUP (account, eventsource)
ORDER BY g, account, rk
