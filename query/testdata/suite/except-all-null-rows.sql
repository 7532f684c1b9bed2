-- EXCEPT ALL with NULLs: NULL rows match NULL rows in set operations, and multiplicities subtract
SELECT k, v FROM (VALUES (1, 'a'), (1, 'a'), (1, 'a'), (NULL, 'b'), (NULL, 'b'), (2, NULL), (NULL, NULL), (NULL, NULL)) AS t(k, v)
EXCEPT ALL
SELECT k, v FROM (VALUES (1, 'a'), (NULL, 'b'), (NULL, NULL), (3, 'c')) AS u(k, v)
