-- joins whose candidate pairs run past one probe chunk (65,536 pairs): inner with a residual, LEFT with rows left unmatched by the residual, and EXISTS / NOT EXISTS marks over the same keys
WITH a AS (SELECT x FROM UNNEST(sequence(1, 600)) AS t(x)),
     b AS (SELECT y FROM UNNEST(sequence(1, 600)) AS t(y))
SELECT 'inner' AS kind, count(*) AS n, sum(x) AS sx, sum(y) AS sy
FROM a JOIN b ON a.x % 2 = b.y % 2 AND a.x < b.y
UNION ALL
SELECT 'left', count(*), sum(x), sum(y)
FROM a LEFT JOIN b ON a.x % 3 = b.y % 3 AND b.y > a.x + 590
UNION ALL
SELECT 'left-unmatched', count(*), sum(x), NULL
FROM a LEFT JOIN b ON a.x % 3 = b.y % 3 AND b.y > a.x + 590 WHERE b.y IS NULL
UNION ALL
SELECT 'exists', count(*), sum(x), NULL
FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y % 5 = a.x % 5 AND b.y >= a.x + 580)
UNION ALL
SELECT 'not-exists', count(*), sum(x), NULL
FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y % 5 = a.x % 5 AND b.y >= a.x + 580)
ORDER BY kind
/* duckdb:
WITH a AS (SELECT x FROM range(1, 601) AS t(x)),
     b AS (SELECT y FROM range(1, 601) AS t(y))
SELECT 'inner' AS kind, count(*) AS n, sum(x) AS sx, sum(y) AS sy
FROM a JOIN b ON a.x % 2 = b.y % 2 AND a.x < b.y
UNION ALL
SELECT 'left', count(*), sum(x), sum(y)
FROM a LEFT JOIN b ON a.x % 3 = b.y % 3 AND b.y > a.x + 590
UNION ALL
SELECT 'left-unmatched', count(*), sum(x), NULL
FROM a LEFT JOIN b ON a.x % 3 = b.y % 3 AND b.y > a.x + 590 WHERE b.y IS NULL
UNION ALL
SELECT 'exists', count(*), sum(x), NULL
FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y % 5 = a.x % 5 AND b.y >= a.x + 580)
UNION ALL
SELECT 'not-exists', count(*), sum(x), NULL
FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y % 5 = a.x % 5 AND b.y >= a.x + 580)
ORDER BY kind
*/
