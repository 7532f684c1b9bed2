-- quantified comparisons over NULL elements and empty subqueries: ALL of nothing is true, ANY of nothing false
SELECT x,
       x > ALL (SELECT y FROM (VALUES (1), (2)) t(y)) AS gt_all,
       x > ANY (SELECT y FROM (VALUES (1), (NULL)) t(y)) AS gt_any_null,
       x <= ALL (SELECT y FROM (VALUES (1), (NULL)) t(y)) AS le_all_null,
       x >= SOME (SELECT y FROM (VALUES (2), (3)) t(y)) AS ge_some,
       x = ALL (SELECT y FROM (VALUES (2), (2)) t(y)) AS eq_all,
       x <> ANY (SELECT y FROM (VALUES (2), (NULL)) t(y)) AS ne_any_null,
       x < ALL (SELECT 1 WHERE false) AS lt_all_empty,
       x < ANY (SELECT 1 WHERE false) AS lt_any_empty
FROM (VALUES (0), (1), (2), (3), (CAST(NULL AS integer))) t(x)
ORDER BY x
