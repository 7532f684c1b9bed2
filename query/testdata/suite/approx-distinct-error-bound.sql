-- approx_distinct with an explicit standard error, per day
-- approx: keys
SELECT date, approx_distinct(useridentity.accesskeyid, 0.01) AS keys
FROM cloudtrail_logs
GROUP BY date
/* duckdb:
SELECT date, count(DISTINCT useridentity.accesskeyid) AS keys
FROM cloudtrail_logs
GROUP BY date
*/
