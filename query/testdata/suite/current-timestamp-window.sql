-- the last day before the engine clock (2026-01-04T00:00:00Z)
SELECT region, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime > current_timestamp - INTERVAL '1' DAY
GROUP BY region
/* duckdb:
SELECT region, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime > TIMESTAMPTZ '2026-01-04 00:00:00+00' - INTERVAL '1' DAY
GROUP BY region
*/
