-- Trino expands an array of rows into one column per field
SELECT type, count(*) AS n, count(accountid) AS with_account
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)
GROUP BY type
/* duckdb:
SELECT r.type, count(*) AS n, count(r.accountid) AS with_account
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
GROUP BY r.type
*/
