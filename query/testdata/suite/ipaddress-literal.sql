-- IPADDRESS '...' type literals (Trino's short form of CAST): an equality and a network test on the edge events' sources
SELECT eventid, try_cast(sourceipaddress AS IPADDRESS) = IPADDRESS '198.51.100.7' AS is_scanner,
  contains('2001:db8::/32', try_cast(sourceipaddress AS IPADDRESS)) AS doc_v6
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT eventid, CASE WHEN regexp_matches(sourceipaddress, '^[0-9.]+$|:') THEN sourceipaddress = '198.51.100.7' END AS is_scanner,
  CASE WHEN regexp_matches(sourceipaddress, '^[0-9.]+$|:') THEN sourceipaddress LIKE '2001:db8:%' END AS doc_v6
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
