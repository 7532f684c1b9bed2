-- GROUP BY ROLLUP: events and errors per account and region, with a subtotal per account and a grand total
SELECT account, region, count(*) AS n, count_if(errorcode IS NOT NULL) AS errors
FROM cloudtrail_logs
WHERE date BETWEEN '2026-01-01' AND '2026-01-03'
GROUP BY ROLLUP (account, region)
