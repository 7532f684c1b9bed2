-- derived tables with column alias lists, nested and joined, renaming grouped columns
SELECT o.svc, o.calls, i.errs, o.calls - coalesce(i.errs, 0) AS ok
FROM (SELECT eventsource, count(*) FROM cloudtrail_logs GROUP BY 1) AS o(svc, calls)
LEFT JOIN (SELECT s, count(*) FROM (SELECT eventsource, errorcode FROM cloudtrail_logs WHERE errorcode IS NOT NULL) AS e(s, c) GROUP BY s) AS i(svc2, errs)
  ON o.svc = i.svc2
