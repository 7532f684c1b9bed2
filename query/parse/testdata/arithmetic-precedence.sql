SELECT a + b * c - d / e % f AS x, (a + b) * (c - d) AS y, -a * b AS z, - (a - b) AS w, +a AS v,
       1e3 AS d1, 2.5E-2 AS d2, .5 AS d3, 10. AS d4, a || b || 'x' AS s
FROM t
