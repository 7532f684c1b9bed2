-- RANGE offsets under ORDER BY k DESC NULLS FIRST: PRECEDING means larger keys; a NULL partition key is its own partition; NULL order keys are peers
SELECT p, k, id,
       sum(id) OVER (PARTITION BY p ORDER BY k DESC NULLS FIRST RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS s,
       count(*) OVER (PARTITION BY p ORDER BY k NULLS FIRST RANGE BETWEEN CURRENT ROW AND 10 FOLLOWING) AS c,
       last_value(id) OVER (PARTITION BY p ORDER BY k NULLS FIRST) AS lv,
       first_value(k) OVER (PARTITION BY p ORDER BY k DESC) AS fv,
       rank() OVER (PARTITION BY p ORDER BY k DESC NULLS FIRST) AS rk
FROM (VALUES ('a', 1, 1), ('a', 6, 2), ('a', NULL, 3), ('a', 6, 4), (NULL, 2, 5), (NULL, NULL, 6), (NULL, 12, 7), ('b', 20, 8)) AS t(p, k, id)
ORDER BY id
