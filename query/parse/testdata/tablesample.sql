SELECT eventname, count(*) AS n
FROM cloudtrail_logs AS c TABLESAMPLE BERNOULLI (10)
CROSS JOIN cloudtrail_logs TABLESAMPLE SYSTEM (2.5)
GROUP BY eventname
