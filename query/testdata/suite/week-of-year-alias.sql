-- week_of_year(), Trino's alias of week(): weekly activity per account
SELECT account, week_of_year(eventtime) AS wk, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL AND account IS NOT NULL
GROUP BY 1, 2
/* duckdb:
SELECT account, weekofyear(eventtime) AS wk, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL AND account IS NOT NULL
GROUP BY 1, 2
*/
