-- per-account aggregates of a column that is NULL in every row of some accounts: sum/min/max/avg NULL, count 0, bool_and NULL, count_if 0 (DuckDB's count_if gives NULL there)
SELECT account, count(*) AS n, count(errormessage) AS msgs, min(errormessage) AS first_msg, max(length(errormessage)) AS longest,
       avg(length(errormessage)) AS avg_len, sum(length(errormessage)) AS total_len, bool_and(errormessage LIKE '%not authorized%') AS all_authz,
       count_if(errormessage LIKE '%authenticat%') AS authn
FROM cloudtrail_logs
WHERE errorcode IS NULL OR errorcode = 'AccessDenied'
GROUP BY account
ORDER BY account NULLS FIRST
/* duckdb:
SELECT account, count(*) AS n, count(errormessage) AS msgs, min(errormessage) AS first_msg, max(length(errormessage)) AS longest,
       avg(length(errormessage)) AS avg_len, sum(length(errormessage)) AS total_len, bool_and(errormessage LIKE '%not authorized%') AS all_authz,
       count(CASE WHEN errormessage LIKE '%authenticat%' THEN 1 END) AS authn
FROM cloudtrail_logs
WHERE errorcode IS NULL OR errorcode = 'AccessDenied'
GROUP BY account
ORDER BY account NULLS FIRST
*/
