-- an expression of a correlated count and count_if: 0 where nothing matches, as over an empty group (DuckDB's count_if is NULL there: counted with count(CASE ...) below)
SELECT l.eventid, l.sourceipaddress,
  (SELECT count(*) * 10 + count_if(e.readonly) FROM cloudtrail_logs AS e
   WHERE e.sourceipaddress = l.sourceipaddress AND e.errorcode = 'AccessDenied') AS score,
  (SELECT coalesce(max(e.eventname), 'none') FROM cloudtrail_logs AS e
   WHERE e.sourceipaddress = l.sourceipaddress AND e.errorcode = 'AccessDenied') AS last_denied_api
FROM cloudtrail_logs AS l
WHERE l.eventname = 'ConsoleLogin'
ORDER BY score, l.eventid
LIMIT 50
/* duckdb:
SELECT l.eventid, l.sourceipaddress,
  (SELECT count(*) * 10 + count(CASE WHEN e.readonly THEN 1 END) FROM cloudtrail_logs AS e
   WHERE e.sourceipaddress = l.sourceipaddress AND e.errorcode = 'AccessDenied') AS score,
  (SELECT coalesce(max(e.eventname), 'none') FROM cloudtrail_logs AS e
   WHERE e.sourceipaddress = l.sourceipaddress AND e.errorcode = 'AccessDenied') AS last_denied_api
FROM cloudtrail_logs AS l
WHERE l.eventname = 'ConsoleLogin'
ORDER BY score, l.eventid
LIMIT 50
*/
