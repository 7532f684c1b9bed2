-- round half away from zero, round to digits (also negative digits), ceil/floor/truncate of negatives
SELECT round(2.5) AS r1, round(-2.5) AS r2, round(1234.5678, 2) AS r3, round(1234.5678, -2) AS r4,
       ceil(-1.5) AS c1, floor(-1.5) AS f1, ceiling(1.2) AS c2, truncate(-2.7) AS t1,
       round(CAST(count(*) AS DOUBLE) / 7, 1) AS per_week, round(count(*), -3) AS thousands
FROM cloudtrail_logs
/* duckdb:
SELECT 3.0 AS r1, -3.0 AS r2, 1234.57 AS r3, 1200.0 AS r4,
       -1.0 AS c1, -2.0 AS f1, 2.0 AS c2, -2.0 AS t1,
       round(CAST(count(*) AS DOUBLE) / 7, 1) AS per_week, CAST(round(count(*), -3) AS BIGINT) AS thousands
FROM cloudtrail_logs
*/
