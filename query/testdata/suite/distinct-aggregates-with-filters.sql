-- DISTINCT aggregates with FILTER, several per group: sum/avg/array_agg/count of DISTINCT under different filters
SELECT eventsource,
  count(DISTINCT eventname) AS apis,
  count(DISTINCT eventname) FILTER (WHERE readonly) AS read_apis,
  count(DISTINCT eventname) FILTER (WHERE NOT readonly) AS write_apis,
  sum(DISTINCT hour(eventtime)) FILTER (WHERE errorcode IS NOT NULL) AS err_hour_sum,
  avg(DISTINCT hour(eventtime)) AS avg_hour,
  array_agg(DISTINCT region ORDER BY region) FILTER (WHERE errorcode = 'AccessDenied') AS denied_regions,
  count(DISTINCT sourceipaddress) FILTER (WHERE useridentity.type = 'Root') AS root_ips
FROM cloudtrail_logs
GROUP BY eventsource
