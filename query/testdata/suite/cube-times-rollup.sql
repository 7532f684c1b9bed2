-- CUBE combined with ROLLUP: the cross product of their sets
SELECT region, readonly, date, grouping(region) AS gr, grouping(readonly) AS gro, grouping(date) AS gd, count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR date = '2026-01-02'
GROUP BY CUBE (region, readonly), ROLLUP (date)
