-- the three-call sequences that end in GetSecretValue (array_agg over a sliding ROWS window per principal, joined with array_join)
WITH seq AS (
  SELECT eventname,
         array_join(array_agg(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid
                                               ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), ' > ') AS path,
         count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS len
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
)
SELECT path, count(*) AS n
FROM seq
WHERE eventname = 'GetSecretValue' AND len = 3
GROUP BY path
HAVING count(*) >= 5
ORDER BY n DESC, path
/* duckdb:
WITH seq AS (
  SELECT eventname,
         array_to_string(array_agg(eventname) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid
                                               ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), ' > ') AS path,
         count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime, eventid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS len
  FROM cloudtrail_logs
  WHERE useridentity.arn IS NOT NULL
)
SELECT path, count(*) AS n
FROM seq
WHERE eventname = 'GetSecretValue' AND len = 3
GROUP BY path
HAVING count(*) >= 5
ORDER BY n DESC, path
*/
