-- unqualified outer names: the outer is a derived table whose columns (ip, calls) the inner table lacks, so ip binds to the outer row
SELECT ip, calls,
  (SELECT count(*) FROM cloudtrail_logs WHERE sourceipaddress = ip AND errorcode IS NOT NULL) AS errors,
  (SELECT max(eventtime) FROM cloudtrail_logs WHERE sourceipaddress = ip) AS last_seen
FROM (SELECT sourceipaddress AS ip, count(*) AS calls FROM cloudtrail_logs WHERE useridentity.type = 'Root' GROUP BY 1) AS t
ORDER BY calls DESC, ip
LIMIT 20
