-- calls per service in four six-hour bands (sum(CASE) pivot on hour(eventtime)), and each service's busiest band
WITH bands AS (
  SELECT eventsource,
         sum(CASE WHEN hour(eventtime) < 6 THEN 1 ELSE 0 END) AS h00_06,
         sum(CASE WHEN hour(eventtime) >= 6 AND hour(eventtime) < 12 THEN 1 ELSE 0 END) AS h06_12,
         sum(CASE WHEN hour(eventtime) >= 12 AND hour(eventtime) < 18 THEN 1 ELSE 0 END) AS h12_18,
         sum(CASE WHEN hour(eventtime) >= 18 THEN 1 ELSE 0 END) AS h18_24,
         count(*) AS total
  FROM cloudtrail_logs
  WHERE eventtime IS NOT NULL
  GROUP BY eventsource
)
SELECT eventsource, h00_06, h06_12, h12_18, h18_24, total,
       CASE greatest(h00_06, h06_12, h12_18, h18_24)
         WHEN h00_06 THEN 'night' WHEN h06_12 THEN 'morning' WHEN h12_18 THEN 'afternoon' ELSE 'evening' END AS busiest
FROM bands
ORDER BY total DESC, eventsource
