-- a filter on a ROLLUP key outside the grouped subquery: the subtotal rows (NULL key) and the totals over every value
SELECT *
FROM (
  SELECT account, region, count(*) AS n
  FROM cloudtrail_logs
  GROUP BY ROLLUP (account, region)
) AS r
WHERE region IS NULL OR region = 'eu-west-1'
