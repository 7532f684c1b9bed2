-- EXCEPT ALL: per-service error counts on day 2 above those of day 1, as repeated rows
SELECT eventsource, count(*) AS extra
FROM (
  SELECT eventsource FROM cloudtrail_logs WHERE date = '2026-01-02' AND errorcode IS NOT NULL AND account = '256224797377'
  EXCEPT ALL
  SELECT eventsource FROM cloudtrail_logs WHERE date = '2026-01-01' AND errorcode IS NOT NULL AND account = '256224797377'
) AS t
GROUP BY eventsource
