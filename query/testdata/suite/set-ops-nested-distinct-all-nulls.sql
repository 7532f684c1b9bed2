-- nested set operations mixing DISTINCT and ALL with NULL rows; INTERSECT binds tighter than UNION and EXCEPT
SELECT x FROM (VALUES (1), (1), (2), (NULL), (NULL)) AS a(x)
UNION ALL
SELECT x FROM (VALUES (2), (NULL), (3)) AS b(x)
INTERSECT
SELECT x FROM (VALUES (NULL), (3), (3)) AS c(x)
EXCEPT
SELECT x FROM (VALUES (1)) AS d(x)
