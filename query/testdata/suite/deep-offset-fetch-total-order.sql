-- a deep page of the whole lake in a total order
SELECT eventid, eventtime, eventname
FROM cloudtrail_logs
ORDER BY eventtime DESC, eventid
OFFSET 30000 ROWS
FETCH NEXT 15 ROWS ONLY
/* duckdb:
SELECT eventid, eventtime, eventname
FROM cloudtrail_logs
ORDER BY eventtime DESC, eventid
LIMIT 15 OFFSET 30000
*/
