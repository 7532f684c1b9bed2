-- a window over an aggregate: rank event sources by their call count, ties by name, with each one's share of all calls
SELECT eventsource, count(*) AS n,
       rank() OVER (ORDER BY count(*) DESC) AS rk,
       row_number() OVER (ORDER BY count(*) DESC, eventsource) AS rn,
       round(100 * CAST(count(*) AS DOUBLE) / sum(count(*)) OVER (), 3) AS pct
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY rn
