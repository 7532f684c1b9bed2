-- plain GROUP BY beside ROLLUP, by ordinal, with HAVING on a subtotal and ORDER BY grouping()
SELECT eventsource, useridentity.type AS principal_type, eventname, count(*) AS n,
  grouping(useridentity.type, eventname) AS lvl
FROM cloudtrail_logs
WHERE readonly = false
GROUP BY 1, ROLLUP (2, eventname)
HAVING count(*) >= 20 OR grouping(eventname) = 1
ORDER BY lvl DESC, n DESC, eventsource, principal_type NULLS FIRST, eventname NULLS FIRST
LIMIT 40
