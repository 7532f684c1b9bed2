-- avg of an interval: the mean gap between consecutive calls of each access key (Trino's avg takes interval day to second)
SELECT key, avg(gap) > INTERVAL '1' MINUTE AS slow, n
FROM (
  SELECT useridentity.accesskeyid AS key, eventtime - lag(eventtime) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS gap,
         count(*) OVER (PARTITION BY useridentity.accesskeyid) AS n
  FROM cloudtrail_logs
  WHERE account = '123456789012' OR (date = '2026-01-02' AND region = 'us-east-1')
) AS g
WHERE key IS NOT NULL
GROUP BY key, n
/* duckdb:
SELECT key, avg(epoch(gap)) > 60 AS slow, n
FROM (
  SELECT useridentity.accesskeyid AS key, eventtime - lag(eventtime) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS gap,
         count(*) OVER (PARTITION BY useridentity.accesskeyid) AS n
  FROM cloudtrail_logs
  WHERE account = '123456789012' OR (date = '2026-01-02' AND region = 'us-east-1')
) AS g
WHERE key IS NOT NULL
GROUP BY key, n
*/
