-- GROUPING SETS over a derived table's columns (Trino takes only column references in the sets): calls and distinct principals per hour, per service and per both
SELECT hr, service, grouping(hr, service) AS g, count(*) AS n, count(DISTINCT arn) AS principals
FROM (
  SELECT hour(eventtime) AS hr, split_part(eventsource, '.', 1) AS service, useridentity.arn AS arn
  FROM cloudtrail_logs
  WHERE date = '2026-01-02' AND account = '252456891452'
) AS t
GROUP BY GROUPING SETS ((hr), (service), (hr, service))
