-- region hopping: calls of an access key made in another region than its previous call (lag over awsregion), keys with the most hops
WITH seq AS (
  SELECT useridentity.accesskeyid AS akid, awsregion, eventtime,
         lag(awsregion) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS prev_region,
         lag(eventtime) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS prev_time
  FROM cloudtrail_logs
  WHERE useridentity.accesskeyid LIKE 'AKIA%'
)
SELECT akid, count(*) AS hops, count(DISTINCT prev_region || '>' || awsregion) AS routes,
       min(date_diff('second', prev_time, eventtime)) AS fastest_hop_s
FROM seq
WHERE prev_region <> awsregion
GROUP BY akid
ORDER BY hops DESC, akid
LIMIT 10
