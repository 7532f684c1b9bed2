-- LISTAGG with FILTER, and groups where nothing is left (every value NULL, or filtered out): NULL, not ''
SELECT eventsource,
  listagg(eventname, ',') WITHIN GROUP (ORDER BY eventname) FILTER (WHERE errorcode = 'AccessDenied') AS denied_calls,
  listagg(errorcode, ',') WITHIN GROUP (ORDER BY errorcode) AS codes,
  listagg(eventname, ';') WITHIN GROUP (ORDER BY eventname DESC) FILTER (WHERE errorcode IS NULL) AS ok_calls
FROM (SELECT DISTINCT eventsource, eventname, errorcode FROM cloudtrail_logs WHERE account = '252456891452') AS t
GROUP BY eventsource
/* duckdb:
SELECT eventsource,
  string_agg(eventname, ',' ORDER BY eventname) FILTER (WHERE errorcode = 'AccessDenied') AS denied_calls,
  string_agg(errorcode, ',' ORDER BY errorcode) AS codes,
  string_agg(eventname, ';' ORDER BY eventname DESC) FILTER (WHERE errorcode IS NULL) AS ok_calls
FROM (SELECT DISTINCT eventsource, eventname, errorcode FROM cloudtrail_logs WHERE account = '252456891452') AS t
GROUP BY eventsource
*/
