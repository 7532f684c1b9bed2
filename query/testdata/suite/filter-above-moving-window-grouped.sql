-- a filter above a window with a frame (moving sum) over grouped rows: the sums include filtered-out hours
SELECT *
FROM (
  SELECT hour(eventtime) AS h, count(*) AS n,
         sum(count(*)) OVER (ORDER BY hour(eventtime) ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS m3,
         lag(count(*)) OVER (ORDER BY hour(eventtime)) AS prev
  FROM cloudtrail_logs WHERE date = '2026-01-02'
  GROUP BY hour(eventtime)
) AS t
WHERE h % 3 = 0
