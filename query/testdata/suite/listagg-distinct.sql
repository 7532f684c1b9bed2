-- LISTAGG(DISTINCT x, sep) WITHIN GROUP (ORDER BY x), which Trino allows: each access key's regions and error codes, once each
SELECT useridentity.accesskeyid AS key, count(*) AS n,
  listagg(DISTINCT awsregion, ', ') WITHIN GROUP (ORDER BY awsregion) AS regions,
  listagg(DISTINCT errorcode, ', ') WITHIN GROUP (ORDER BY errorcode DESC) AS codes
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%'
GROUP BY 1
/* duckdb:
SELECT useridentity.accesskeyid AS key, count(*) AS n,
  string_agg(DISTINCT awsregion, ', ' ORDER BY awsregion) AS regions,
  string_agg(DISTINCT errorcode, ', ' ORDER BY errorcode DESC) AS codes
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%'
GROUP BY 1
*/
