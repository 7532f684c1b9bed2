-- lead(): which call follows which, per principal
WITH seq AS (
  SELECT eventname,
         lead(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid) AS next_call
  FROM cloudtrail_logs
  WHERE account = '087463005387' AND region = 'eu-west-1'
)
SELECT eventname, next_call, count(*) AS n FROM seq GROUP BY 1, 2
