-- date_diff from the session's creationDate: how old assumed-role sessions are when they are used
SELECT CASE WHEN age < 15 THEN '<15m' WHEN age < 30 THEN '15-30m' WHEN age < 60 THEN '30-60m' ELSE '>=60m' END AS bucket,
       count(*) AS n, max(age) AS oldest
FROM (
  SELECT date_diff('minute', from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate), eventtime) AS age
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole'
) AS t
GROUP BY 1
