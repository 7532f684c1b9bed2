-- the Athena recipe: the last two days by from_iso8601_timestamp(eventtime) > date_add('day', -2, now()), IAM and STS writes per principal type and day
SELECT useridentity.type AS principal_type,
       CAST(from_iso8601_timestamp(eventtime) AS date) AS day,
       count(*) AS writes,
       count(DISTINCT useridentity.principalid) AS principals
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) > date_add('day', -2, now())
  AND eventsource IN ('iam.amazonaws.com', 'sts.amazonaws.com')
  AND readonly = 'false'
GROUP BY 1, 2
ORDER BY 1 NULLS FIRST, 2
/* duckdb:
SELECT useridentity.type AS principal_type,
       CAST(eventtime AS date) AS day,
       count(*) AS writes,
       count(DISTINCT useridentity.principalid) AS principals
FROM cloudtrail_logs
WHERE eventtime > TIMESTAMPTZ '2026-01-04 00:00:00+00' - INTERVAL 2 DAY
  AND eventsource IN ('iam.amazonaws.com', 'sts.amazonaws.com')
  AND readonly = false
GROUP BY 1, 2
ORDER BY 1 NULLS FIRST, 2
*/
