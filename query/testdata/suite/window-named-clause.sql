-- a named WINDOW clause shared by row_number and lag: each user's call sequence, as counts of (previous, next) pairs
SELECT prev_call, eventname, count(*) AS n
FROM (
  SELECT eventname, lag(eventname) OVER w AS prev_call, row_number() OVER w AS rn
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND account = '256224797377'
  WINDOW w AS (PARTITION BY useridentity.arn ORDER BY eventtime, eventid)
) AS t
WHERE rn > 1
GROUP BY 1, 2
