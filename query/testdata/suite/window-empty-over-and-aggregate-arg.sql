-- OVER (): a grand total beside each group, and a window function of an aggregate argument
SELECT eventsource, count(*) AS n, sum(count(*)) OVER () AS total,
       round(100 * CAST(count(*) AS DOUBLE) / sum(count(*)) OVER (), 3) AS pct,
       dense_rank() OVER (ORDER BY count(DISTINCT eventname) DESC) AS api_variety_rank
FROM cloudtrail_logs
GROUP BY eventsource
