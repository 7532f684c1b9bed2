-- approx_distinct within 5% of the exact count (DuckDB counts exactly)
-- approx: ips
SELECT eventsource, approx_distinct(sourceipaddress) AS ips, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
SELECT eventsource, count(DISTINCT sourceipaddress) AS ips, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
*/
