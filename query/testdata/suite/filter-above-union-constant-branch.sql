-- a filter on a constant column of one UNION ALL branch and on an aggregate's output
SELECT *
FROM (
  SELECT 'errors' AS kind, eventsource, count(*) AS n FROM cloudtrail_logs WHERE errorcode IS NOT NULL GROUP BY eventsource
  UNION ALL
  SELECT 'all', eventsource, count(*) FROM cloudtrail_logs GROUP BY eventsource
) AS u
WHERE kind = 'errors' AND n > 100 OR kind = 'all' AND eventsource LIKE 's%'
