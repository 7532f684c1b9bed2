-- a plain column crossed with two ROLLUPs: account always grouped, then (region, date), (region), (date) and () within it
SELECT account, region, date, grouping(region, date) AS g, count(*) AS n
FROM cloudtrail_logs
WHERE account IN ('087463005387', '252456891452')
GROUP BY account, ROLLUP (region), ROLLUP (date)
