-- dense_rank() of services by volume in each region
SELECT region, eventsource, n, dense_rank() OVER (PARTITION BY region ORDER BY n DESC) AS drk
FROM (SELECT region, eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2) AS t
