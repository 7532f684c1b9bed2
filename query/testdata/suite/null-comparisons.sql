-- = NULL is never true, so count_if counts 0 (DuckDB's count_if of a NULL constant is NULL); IS NULL is
SELECT count_if(errorcode = NULL) AS eq_null, count_if(errorcode <> NULL) AS ne_null,
       count_if(errorcode IS NULL) AS is_null, count_if(NOT (errorcode IS NOT NULL)) AS not_not_null
FROM cloudtrail_logs
/* duckdb:
SELECT count(CASE WHEN errorcode = NULL THEN 1 END) AS eq_null, count(CASE WHEN errorcode <> NULL THEN 1 END) AS ne_null,
       count_if(errorcode IS NULL) AS is_null, count_if(NOT (errorcode IS NOT NULL)) AS not_not_null
FROM cloudtrail_logs
*/
