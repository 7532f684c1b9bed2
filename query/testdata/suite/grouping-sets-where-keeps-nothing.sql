-- a WHERE that keeps no row: the () grouping set still gives its grand-total row (count 0, sum NULL), the other sets give nothing
SELECT eventsource, errorcode, grouping(eventsource, errorcode) AS g, count(*) AS n,
  sum(length(eventname)) AS s, count(DISTINCT eventname) AS d, max(eventtime) AS latest
FROM cloudtrail_logs
WHERE eventname = 'NoSuchApi'
GROUP BY GROUPING SETS ((eventsource, errorcode), (eventsource), ())
