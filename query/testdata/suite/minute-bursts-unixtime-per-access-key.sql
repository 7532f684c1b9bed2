-- call bursts: minutes in which one access key made 3 or more calls, bucketed with to_unixtime/from_unixtime, shown with to_iso8601
WITH per_minute AS (
  SELECT useridentity.accesskeyid AS akid,
         from_unixtime(floor(to_unixtime(eventtime) / 60) * 60) AS minute,
         count(*) AS calls, count(DISTINCT eventname) AS apis
  FROM cloudtrail_logs
  WHERE useridentity.accesskeyid IS NOT NULL
  GROUP BY 1, 2
)
SELECT akid, to_iso8601(minute) AS minute, calls, apis,
       dense_rank() OVER (ORDER BY calls DESC) AS burst_rank
FROM per_minute
WHERE calls >= 3
ORDER BY calls DESC, akid, minute
LIMIT 25
