-- frames entirely after the current row, and empty frames at the end of a partition
SELECT eventsource, hour(eventtime) AS h, count(*) AS n,
  sum(count(*)) OVER (PARTITION BY eventsource ORDER BY hour(eventtime) ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS next3,
  count(*) OVER (PARTITION BY eventsource ORDER BY hour(eventtime) ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS next3_rows,
  max(count(*)) OVER (PARTITION BY eventsource ORDER BY hour(eventtime) RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS max5h,
  last_value(count(*)) OVER (PARTITION BY eventsource ORDER BY hour(eventtime) ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS lastn,
  nth_value(count(*), 2) OVER (PARTITION BY eventsource ORDER BY hour(eventtime) ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second
FROM cloudtrail_logs WHERE date = '2026-01-02' AND eventtime IS NOT NULL
GROUP BY eventsource, hour(eventtime)
