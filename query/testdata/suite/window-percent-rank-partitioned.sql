-- percent_rank, cume_dist and ntile of principals' call counts within each account
SELECT account, arn, n,
       percent_rank() OVER (PARTITION BY account ORDER BY n) AS pr,
       cume_dist() OVER (PARTITION BY account ORDER BY n) AS cd,
       ntile(4) OVER (PARTITION BY account ORDER BY n, arn) AS quartile
FROM (SELECT account, useridentity.arn AS arn, count(*) AS n FROM cloudtrail_logs
      WHERE useridentity.type = 'IAMUser' AND account IS NOT NULL GROUP BY 1, 2) AS t
ORDER BY account, n, arn
