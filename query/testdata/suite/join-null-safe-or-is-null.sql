-- a join on a nullable key written to match NULLs too (OR ... IS NULL AND ... IS NULL)
SELECT x.k, x.n, y.n AS m
FROM (SELECT useridentity.invokedby AS k, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY 1) AS x
JOIN (SELECT useridentity.invokedby AS k, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-02' GROUP BY 1) AS y
  ON x.k = y.k OR (x.k IS NULL AND y.k IS NULL)
