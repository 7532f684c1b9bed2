-- an aggregate over an aggregating subquery
SELECT service, min(n) AS min_per_day, max(n) AS max_per_day, count(*) AS days
FROM (
  SELECT eventsource AS service, date, count(*) AS n
  FROM cloudtrail_logs
  WHERE date IS NOT NULL
  GROUP BY 1, 2
) AS t
GROUP BY service
