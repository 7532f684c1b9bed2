-- WITH TIES when the cut falls among NULL sort keys: NULLs sort last (or first with NULLS FIRST) and tie with each other, so every NULL row is kept
SELECT 'asc' AS kind, eventid, errorcode
FROM (SELECT eventid, errorcode FROM cloudtrail_logs WHERE eventid LIKE 'edge-%' ORDER BY errorcode FETCH FIRST 3 ROWS WITH TIES) AS a
UNION ALL
SELECT 'desc nulls first', eventid, errorcode
FROM (SELECT eventid, errorcode FROM cloudtrail_logs WHERE eventid LIKE 'edge-%' ORDER BY errorcode DESC NULLS FIRST FETCH FIRST 1 ROW WITH TIES) AS b
UNION ALL
SELECT 'past the nulls', eventid, errorcode
FROM (SELECT eventid, errorcode FROM cloudtrail_logs WHERE eventid LIKE 'edge-%' ORDER BY errorcode NULLS FIRST FETCH FIRST 6 ROWS WITH TIES) AS c
/* duckdb:
SELECT 'asc' AS kind, eventid, errorcode
FROM (SELECT eventid, errorcode, rank() OVER (ORDER BY errorcode NULLS LAST) AS rk FROM cloudtrail_logs WHERE eventid LIKE 'edge-%') AS a
WHERE rk <= 3
UNION ALL
SELECT 'desc nulls first', eventid, errorcode
FROM (SELECT eventid, errorcode, rank() OVER (ORDER BY errorcode DESC NULLS FIRST) AS rk FROM cloudtrail_logs WHERE eventid LIKE 'edge-%') AS b
WHERE rk <= 1
UNION ALL
SELECT 'past the nulls', eventid, errorcode
FROM (SELECT eventid, errorcode, rank() OVER (ORDER BY errorcode NULLS FIRST) AS rk FROM cloudtrail_logs WHERE eventid LIKE 'edge-%') AS c
WHERE rk <= 6
*/
