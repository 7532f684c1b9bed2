-- correlated IN and NOT IN with NULLs on both sides and an empty match set
SELECT x, k,
       x IN (SELECT y FROM (VALUES (1, 1), (1, NULL), (2, 2), (3, NULL)) s(k2, y) WHERE s.k2 = t.k) AS in_set,
       x NOT IN (SELECT y FROM (VALUES (1, 1), (1, NULL), (2, 2), (3, NULL)) s(k2, y) WHERE s.k2 = t.k) AS not_in_set
FROM (VALUES (1, 1), (2, 1), (NULL, 1), (2, 2), (3, 2), (NULL, 2), (1, 3), (NULL, 4), (5, 4)) t(x, k)
ORDER BY k, x
