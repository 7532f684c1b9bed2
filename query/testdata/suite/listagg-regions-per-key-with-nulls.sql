-- LISTAGG skips NULLs and orders descending: each access key's error codes, newest first, beside its call count
SELECT useridentity.accesskeyid AS key, count(*) AS calls,
  listagg(errorcode, '|') WITHIN GROUP (ORDER BY eventtime DESC, eventid) AS errors
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%' AND date = '2026-01-02'
GROUP BY 1
ORDER BY calls DESC, key
LIMIT 25
/* duckdb:
SELECT useridentity.accesskeyid AS key, count(*) AS calls,
  string_agg(errorcode, '|' ORDER BY eventtime DESC, eventid) AS errors
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%' AND date = '2026-01-02'
GROUP BY 1
ORDER BY calls DESC, key
LIMIT 25
*/
