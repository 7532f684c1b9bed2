-- VALUES rows unify their column types: integer with double gives double, NULLs take the others' type
SELECT a, b, typeof(a) AS ta, a * 2 AS a2
FROM (VALUES (1, 'x'), (2.5E0, NULL), (NULL, 'zz')) AS t(a, b)
ORDER BY a NULLS FIRST
/* duckdb:
SELECT a, b, 'double' AS ta, a * 2 AS a2
FROM (VALUES (1::DOUBLE, 'x'), (2.5::DOUBLE, NULL), (NULL, 'zz')) AS t(a, b)
ORDER BY a NULLS FIRST
*/
