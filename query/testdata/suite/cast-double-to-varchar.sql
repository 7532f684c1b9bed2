-- CAST(double AS VARCHAR) is Java's Double.toString in Trino: 1.0E7, 1.23456785E7, 1.0E-4, 1234567.0, 0.001
SELECT CAST(1e7 AS VARCHAR) AS ten_million, CAST(12345678.5e0 AS VARCHAR) AS big, CAST(1e-4 AS VARCHAR) AS small,
       CAST(1234567e0 AS VARCHAR) AS below, CAST(1e-3 AS VARCHAR) AS milli, CAST(power(2, 30) AS VARCHAR) AS gib
/* duckdb:
SELECT '1.0E7' AS ten_million, '1.23456785E7' AS big, '1.0E-4' AS small, '1234567.0' AS below, '0.001' AS milli, '1.073741824E9' AS gib
*/
