-- lag(): the longest pause between two calls of each access key
WITH calls AS (
  SELECT useridentity.accesskeyid AS akid, eventtime,
         lag(eventtime) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS prev
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND useridentity.accesskeyid IS NOT NULL
)
SELECT akid, count(*) AS calls, max(date_diff('second', prev, eventtime)) AS longest_gap_s
FROM calls
GROUP BY akid
