SELECT account, eventsource, n, rank() OVER (PARTITION BY account ORDER BY n DESC) AS rnk,
       dense_rank() OVER (PARTITION BY account ORDER BY n DESC) AS drnk,
       percent_rank() OVER (PARTITION BY account ORDER BY n) AS prnk
FROM (SELECT account, eventsource, count(*) n FROM cloudtrail_logs GROUP BY 1, 2)
