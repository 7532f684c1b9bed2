-- rank() with ties over counts per account
SELECT account, eventname, n, rank() OVER (PARTITION BY account ORDER BY n DESC) AS rk
FROM (SELECT account, eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2) AS t
