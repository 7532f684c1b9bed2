-- for each successful call of an IAM user's key: the last error that key got before it (lag IGNORE NULLS); which errors precede success most
WITH seq AS (
  SELECT useridentity.accesskeyid AS akid, errorcode, eventtime,
         lag(errorcode) IGNORE NULLS OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS last_error
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND useridentity.accesskeyid IS NOT NULL
)
SELECT last_error, count(*) AS successes_after, count(DISTINCT akid) AS keys
FROM seq
WHERE errorcode IS NULL
GROUP BY last_error
ORDER BY successes_after DESC, last_error NULLS FIRST
/* duckdb:
WITH seq AS (
  SELECT useridentity.accesskeyid AS akid, errorcode, eventtime,
         lag(errorcode IGNORE NULLS) OVER (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid) AS last_error
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND useridentity.accesskeyid IS NOT NULL
)
SELECT last_error, count(*) AS successes_after, count(DISTINCT akid) AS keys
FROM seq
WHERE errorcode IS NULL
GROUP BY last_error
ORDER BY successes_after DESC, last_error NULLS FIRST
*/
