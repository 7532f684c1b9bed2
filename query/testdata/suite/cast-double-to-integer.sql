-- CAST of a DOUBLE to BIGINT/INTEGER rounds half away from zero in Trino (HALF_UP): 2.5 -> 3, -2.5 -> -3, 3.5 -> 4
SELECT CAST(5 / 2e0 AS BIGINT) AS a, CAST(-5 / 2e0 AS BIGINT) AS b, CAST(7 / 2e0 AS INTEGER) AS c, CAST(2.4999e0 AS INTEGER) AS d,
       CAST(avg(n) AS BIGINT) AS avg_rounded
FROM (VALUES 1, 2, 3, 4) AS t(n)
/* duckdb:
SELECT 3 AS a, -3 AS b, 4 AS c, 2 AS d, 3 AS avg_rounded
*/
