-- sum() OVER (ORDER BY ...): a running total of events per account by day
SELECT account, date, n, sum(n) OVER (PARTITION BY account ORDER BY date) AS running
FROM (SELECT account, date, count(*) AS n FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY 1, 2) AS t
