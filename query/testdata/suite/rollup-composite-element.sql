-- ROLLUP over a composite element: (account, region) rolls up as one
SELECT account, region, date, grouping(account, region, date) AS g, count(*) AS n
FROM cloudtrail_logs
GROUP BY ROLLUP ((account, region), date)
