-- a window over grouped aggregates: the top 3 APIs of each account by calls (rank in the same SELECT as GROUP BY)
SELECT account, eventname, calls, rnk
FROM (
  SELECT account, eventname, count(*) AS calls,
         rank() OVER (PARTITION BY account ORDER BY count(*) DESC) AS rnk
  FROM cloudtrail_logs
  WHERE account IS NOT NULL
  GROUP BY account, eventname
) AS t
WHERE rnk <= 3
ORDER BY account, rnk, eventname
