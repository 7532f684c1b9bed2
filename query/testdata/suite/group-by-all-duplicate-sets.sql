-- GROUP BY ALL keeps the duplicate grouping sets (each subtotal appears as often as its set)
SELECT account, count(*) AS n
FROM cloudtrail_logs
GROUP BY ALL ROLLUP (account), CUBE (account)
/* duckdb:
SELECT account, count(*) AS n
FROM cloudtrail_logs
GROUP BY GROUPING SETS ((account), (account), (account), ())
*/
