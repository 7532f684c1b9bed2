-- GROUP BY DISTINCT removes the duplicate grouping sets that ROLLUP and CUBE together produce
SELECT account, region, count(*) AS n
FROM cloudtrail_logs
GROUP BY DISTINCT ROLLUP (account, region), CUBE (account)
/* duckdb:
SELECT account, region, count(*) AS n
FROM cloudtrail_logs
GROUP BY GROUPING SETS ((account, region), (account), ())
*/
