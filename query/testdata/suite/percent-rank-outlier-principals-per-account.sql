-- outlier principals: percent_rank and cume_dist of each principal's call count within its account, keeping the top 5%
WITH per_principal AS (
  SELECT account, useridentity.arn AS arn, count(*) AS calls
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
  GROUP BY 1, 2
), ranked AS (
  SELECT account, arn, calls,
         percent_rank() OVER (PARTITION BY account ORDER BY calls) AS pr,
         cume_dist() OVER (PARTITION BY account ORDER BY calls) AS cd
  FROM per_principal
)
SELECT account, arn, calls, round(pr, 4) AS pct_rank, round(cd, 4) AS cume
FROM ranked
WHERE pr >= 0.95
ORDER BY account, calls DESC, arn
