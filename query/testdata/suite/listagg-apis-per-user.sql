-- LISTAGG ... WITHIN GROUP (ORDER BY ...): each IAM user's distinct write APIs as one comma-separated list
SELECT username, listagg(eventname, ',') WITHIN GROUP (ORDER BY eventname) AS write_apis
FROM (
  SELECT DISTINCT useridentity.username AS username, eventname
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND readonly = false
) AS t
GROUP BY username
/* duckdb:
SELECT username, string_agg(eventname, ',' ORDER BY eventname) AS write_apis
FROM (
  SELECT DISTINCT useridentity.username AS username, eventname
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND readonly = false
) AS t
GROUP BY username
*/
