-- CAST(double AS BIGINT) rounds half away from zero (not truncation): averages of small counts land on .5
SELECT x, CAST(x AS BIGINT) AS b, CAST(-x AS BIGINT) AS nb, CAST(x AS INTEGER) AS i, floor(x) AS fl, ceil(-x) AS cl, truncate(-x) AS tr
FROM (VALUES 0.5E0, 1.5E0, 2.5E0, 2.4999E0, 1E-9) AS t(x)
ORDER BY x
/* duckdb:
SELECT x, CAST(sign(x) * floor(abs(x) + 0.5) AS BIGINT) AS b, CAST(-sign(x) * floor(abs(x) + 0.5) AS BIGINT) AS nb,
       CAST(sign(x) * floor(abs(x) + 0.5) AS INTEGER) AS i, floor(x) AS fl, ceil(-x) AS cl, trunc(-x) AS tr
FROM (VALUES (0.5::DOUBLE), (1.5::DOUBLE), (2.5::DOUBLE), (2.4999::DOUBLE), (1E-9::DOUBLE)) AS t(x)
ORDER BY x
*/
