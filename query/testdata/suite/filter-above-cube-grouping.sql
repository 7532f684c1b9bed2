-- a filter on a key of CUBE outside the subquery keeps the other dimension's totals computed over every row
SELECT *
FROM (
  SELECT readonly, eventsource, count(*) AS n, grouping(readonly, eventsource) AS g
  FROM cloudtrail_logs
  GROUP BY CUBE (readonly, eventsource)
) AS c
WHERE readonly IS NULL AND g = 2 OR eventsource = 'kms.amazonaws.com'
