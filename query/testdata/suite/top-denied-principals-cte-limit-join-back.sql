-- the five principals with the most denials (a CTE with ORDER BY ... LIMIT), joined back for their services, IPs and span of activity
WITH top_denied AS (
  SELECT useridentity.arn AS arn, count(*) AS denials
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied' AND useridentity.arn IS NOT NULL
  GROUP BY 1
  ORDER BY denials DESC, arn
  LIMIT 5
)
SELECT t.arn, t.denials, count(*) AS calls, count(DISTINCT c.eventsource) AS services,
       count(DISTINCT c.sourceipaddress) AS ips,
       date_diff('hour', min(c.eventtime), max(c.eventtime)) AS active_hours,
       array_join(array_sort(array_distinct(array_agg(c.eventsource) FILTER (WHERE c.errorcode = 'AccessDenied'))), ', ') AS denied_in
FROM top_denied AS t
JOIN cloudtrail_logs AS c ON c.useridentity.arn = t.arn
GROUP BY t.arn, t.denials
ORDER BY t.denials DESC, t.arn
/* duckdb:
WITH top_denied AS (
  SELECT useridentity.arn AS arn, count(*) AS denials
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied' AND useridentity.arn IS NOT NULL
  GROUP BY 1
  ORDER BY denials DESC, arn
  LIMIT 5
)
SELECT t.arn, t.denials, count(*) AS calls, count(DISTINCT c.eventsource) AS services,
       count(DISTINCT c.sourceipaddress) AS ips,
       date_diff('hour', min(c.eventtime), max(c.eventtime)) AS active_hours,
       array_to_string(array_sort(array_distinct(array_agg(c.eventsource) FILTER (WHERE c.errorcode = 'AccessDenied'))), ', ') AS denied_in
FROM top_denied AS t
JOIN cloudtrail_logs AS c ON c.useridentity.arn = t.arn
GROUP BY t.arn, t.denials
ORDER BY t.denials DESC, t.arn
*/
