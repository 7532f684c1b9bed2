-- ROLLUP and CUBE over an account with no partitions at all: each still returns its grand-total row
SELECT 'rollup' AS kind, region, count(*) AS n, count(DISTINCT eventname) AS apis
FROM cloudtrail_logs WHERE account = '000000000000'
GROUP BY ROLLUP (region, date)
UNION ALL
SELECT 'cube', region, count(*), count(DISTINCT eventname)
FROM cloudtrail_logs WHERE account = '000000000000'
GROUP BY CUBE (region)
