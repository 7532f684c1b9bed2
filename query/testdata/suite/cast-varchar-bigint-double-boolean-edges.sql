-- casts from varchar: signs and surrounding spaces parse, exponents parse as double, booleans from true/false/t/f/1/0 in any case
SELECT CAST('+12' AS BIGINT) AS plus, CAST('-0' AS BIGINT) AS minus_zero, CAST(' 42 ' AS BIGINT) AS spaced,
       CAST('1e3' AS DOUBLE) AS exp, CAST('-.5' AS DOUBLE) AS frac, CAST('TRUE' AS BOOLEAN) AS t1, CAST('f' AS BOOLEAN) AS f1,
       CAST('0' AS BOOLEAN) AS f2, try_cast('yes' AS BOOLEAN) AS bad_bool, try_cast('12.0' AS BIGINT) AS frac_bigint,
       try_cast('9223372036854775808' AS BIGINT) AS too_big, try_cast('' AS DOUBLE) AS empty_double
/* duckdb:
SELECT CAST(12 AS BIGINT) AS plus, CAST(0 AS BIGINT) AS minus_zero, CAST(42 AS BIGINT) AS spaced,
       1000.0::DOUBLE AS exp, -0.5::DOUBLE AS frac, true AS t1, false AS f1, false AS f2, CAST(NULL AS BOOLEAN) AS bad_bool,
       CAST(NULL AS BIGINT) AS frac_bigint, CAST(NULL AS BIGINT) AS too_big, CAST(NULL AS DOUBLE) AS empty_double
*/
