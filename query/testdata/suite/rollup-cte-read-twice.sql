-- a ROLLUP inside a CTE read three times: each region's calls beside its account's subtotal, its share, and the grand total
WITH r AS (
  SELECT account, region, grouping(account, region) AS g, count(*) AS n
  FROM cloudtrail_logs
  WHERE account IS NOT NULL AND region IS NOT NULL
  GROUP BY ROLLUP (account, region)
)
SELECT d.account, d.region, d.n, s.n AS account_total, round(100 * CAST(d.n AS DOUBLE) / s.n, 2) AS pct,
  (SELECT n FROM r WHERE g = 3) AS grand_total
FROM r AS d JOIN r AS s ON d.account = s.account AND s.g = 1
WHERE d.g = 0
ORDER BY d.account, d.region
