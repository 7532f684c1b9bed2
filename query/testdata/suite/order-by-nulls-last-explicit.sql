-- ASC NULLS LAST and DESC NULLS LAST on two keys
SELECT region, date, count(*) AS n
FROM cloudtrail_logs
GROUP BY region, date
ORDER BY region ASC NULLS LAST, date DESC NULLS LAST
