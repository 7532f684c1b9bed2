-- CUBE with several DISTINCT aggregates, one under FILTER: distinct principals, APIs and failing IPs per region and read/write, every subtotal, NULL keys told apart by grouping()
SELECT region, readonly, grouping(region, readonly) AS g, count(*) AS n,
  count(DISTINCT useridentity.arn) AS principals, count(DISTINCT eventname) AS apis,
  count(DISTINCT sourceipaddress) FILTER (WHERE errorcode IS NOT NULL) AS failing_ips,
  sum(DISTINCT length(eventname)) AS name_lengths
FROM cloudtrail_logs
WHERE account = '256224797377'
GROUP BY CUBE (region, readonly)
