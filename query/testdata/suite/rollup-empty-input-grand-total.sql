-- ROLLUP and GROUPING SETS over no rows: only the grand-total sets give a row, with count 0
SELECT eventsource, count(*) AS n, sum(1) AS s, grouping(eventsource) AS g
FROM cloudtrail_logs
WHERE eventname = 'NoSuchApi'
GROUP BY GROUPING SETS ((eventsource), (), ())
