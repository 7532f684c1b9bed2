-- LISTAGG without a separator (Trino's default is ''): the edge account's distinct regions run together, and a literal list
SELECT listagg(DISTINCT region) WITHIN GROUP (ORDER BY region) AS regions,
  (SELECT listagg(v) WITHIN GROUP (ORDER BY v DESC) FROM (VALUES 'a', 'c', 'b', NULL) AS t(v)) AS no_sep
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT string_agg(DISTINCT region, '' ORDER BY region) AS regions,
  (SELECT string_agg(v, '' ORDER BY v DESC) FROM (VALUES ('a'), ('c'), ('b'), (NULL)) AS t(v)) AS no_sep
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
