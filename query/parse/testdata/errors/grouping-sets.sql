SELECT a, count(*) FROM t GROUP BY GROUPING SETS ((a), (b) HAVING count(*) > 1
