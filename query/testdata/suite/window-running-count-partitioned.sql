-- running totals per account by day, and each day's share of the account's total
SELECT account, date, n,
       sum(n) OVER (PARTITION BY account ORDER BY date ROWS UNBOUNDED PRECEDING) AS running,
       CAST(n AS DOUBLE) / sum(n) OVER (PARTITION BY account) AS share,
       row_number() OVER (PARTITION BY account ORDER BY n DESC, date) AS busiest_rank
FROM (SELECT account, date, count(*) AS n FROM cloudtrail_logs WHERE account IS NOT NULL AND date IS NOT NULL GROUP BY 1, 2) AS t
ORDER BY account, date
