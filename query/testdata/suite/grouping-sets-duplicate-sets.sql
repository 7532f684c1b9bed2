-- a grouping set listed twice gives its rows twice, as in Trino (only GROUP BY DISTINCT removes duplicate sets)
SELECT region, grouping(region) AS g, count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387'
GROUP BY GROUPING SETS ((region), (region), (), ())
