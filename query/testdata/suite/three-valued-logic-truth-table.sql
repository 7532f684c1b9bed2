-- AND, OR, NOT, =, IS DISTINCT FROM and CASE over TRUE, FALSE and NULL: the full three-valued truth table
SELECT a, b, a AND b AS a_and_b, a OR b AS a_or_b, NOT a AS not_a, a = b AS a_eq_b, a IS DISTINCT FROM b AS a_distinct_b,
       coalesce(a AND b, false) AS and_or_false, CASE WHEN a OR b THEN 'T' WHEN NOT (a OR b) THEN 'F' ELSE 'U' END AS or_case
FROM (VALUES (true), (false), (CAST(NULL AS BOOLEAN))) AS x(a) CROSS JOIN (VALUES (true), (false), (CAST(NULL AS BOOLEAN))) AS y(b)
ORDER BY a NULLS FIRST, b NULLS FIRST
