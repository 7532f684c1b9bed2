-- day-over-day growth of each service's calls: a per-day CTE LEFT JOINed to itself on the previous day (date_add on the partition date)
WITH daily AS (
  SELECT eventsource, CAST(date AS date) AS d, count(*) AS calls
  FROM cloudtrail_logs
  WHERE date IS NOT NULL
  GROUP BY 1, 2
)
SELECT t.eventsource, t.d, t.calls, y.calls AS prev_calls,
       t.calls - y.calls AS delta,
       round(CAST(t.calls AS double) / y.calls, 3) AS ratio
FROM daily AS t
LEFT JOIN daily AS y ON y.eventsource = t.eventsource AND y.d = date_add('day', -1, t.d)
ORDER BY t.eventsource, t.d
