SELECT account, region, eventsource, grouping(account, region) AS g, count(*)
FROM cloudtrail_logs
GROUP BY eventsource, ROLLUP (account, region), CUBE ((account, region), eventname),
  GROUPING SETS ((account), (), (region, eventsource))
