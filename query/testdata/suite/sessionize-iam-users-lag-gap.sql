-- sessionize each IAM user's calls: a pause over 30 minutes starts a new session; sessions per user, the longest, the busiest
WITH calls AS (
  SELECT useridentity.username AS username, eventtime, eventid,
         lag(eventtime) OVER (PARTITION BY useridentity.username ORDER BY eventtime, eventid) AS prev
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND eventtime IS NOT NULL
), marked AS (
  SELECT username, eventtime, eventid,
         sum(CASE WHEN prev IS NULL OR date_diff('minute', prev, eventtime) > 30 THEN 1 ELSE 0 END)
           OVER (PARTITION BY username ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
  FROM calls
), sessions AS (
  SELECT username, session_no, min(eventtime) AS started, max(eventtime) AS ended, count(*) AS calls
  FROM marked
  GROUP BY 1, 2
)
SELECT username, count(*) AS sessions, max(date_diff('second', started, ended)) AS longest_s, max(calls) AS most_calls
FROM sessions
GROUP BY 1
ORDER BY 1
