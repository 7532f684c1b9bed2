-- GROUPING SETS with a grand total, grouping() bits over three columns, DISTINCT aggregates with FILTER
SELECT account, region, readonly, grouping(account, region, readonly) AS g,
  count(*) AS n, count(DISTINCT eventname) FILTER (WHERE errorcode IS NOT NULL) AS failing_apis,
  count(DISTINCT useridentity.arn) AS principals
FROM cloudtrail_logs
GROUP BY GROUPING SETS ((account, region), (account), (readonly), ())
