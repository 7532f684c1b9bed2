-- OFFSET then LIMIT over a total order: the last page is short
SELECT eventid, eventname
FROM cloudtrail_logs
WHERE account = '123456789012'
ORDER BY eventtime DESC, eventid
OFFSET 4 ROWS
LIMIT 5
/* duckdb:
SELECT eventid, eventname
FROM cloudtrail_logs
WHERE account = '123456789012'
ORDER BY eventtime DESC, eventid
LIMIT 5 OFFSET 4
*/
