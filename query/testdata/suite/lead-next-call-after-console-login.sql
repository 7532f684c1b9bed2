-- what principals did right after a console sign-in: lead() over each principal's calls, and the seconds until it
WITH seq AS (
  SELECT useridentity.arn AS arn, eventname, eventtime,
         lead(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS next_api,
         lead(eventtime) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS next_time
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
)
SELECT next_api, count(*) AS n, min(date_diff('second', eventtime, next_time)) AS fastest_s,
       max(date_diff('second', eventtime, next_time)) AS slowest_s
FROM seq
WHERE eventname = 'ConsoleLogin'
GROUP BY next_api
ORDER BY n DESC, next_api NULLS LAST
