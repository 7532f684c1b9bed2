-- percent_rank and cume_dist: where each role sits in its account's distribution of call volume
SELECT account, role, n,
       percent_rank() OVER (PARTITION BY account ORDER BY n) AS pr,
       cume_dist() OVER (PARTITION BY account ORDER BY n) AS cd
FROM (
  SELECT account, useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS n
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole'
  GROUP BY 1, 2
) AS t
