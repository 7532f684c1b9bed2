-- a risk score per principal from chained CTEs: denials, regions, off-hours calls and sensitive APIs, each weighted; top 15 by score
WITH base AS (
  SELECT coalesce(useridentity.arn, useridentity.type) AS who, eventname, awsregion, errorcode, hour(eventtime) AS hr
  FROM cloudtrail_logs
  WHERE eventtime IS NOT NULL
), features AS (
  SELECT who,
         count(*) AS calls,
         count_if(errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')) AS denied,
         count(DISTINCT awsregion) AS regions,
         count(*) FILTER (WHERE hr < 6 OR hr >= 22) AS night,
         count_if(eventname IN ('CreateUser', 'AttachRolePolicy', 'ScheduleKeyDeletion', 'GetSecretValue')) AS sensitive
  FROM base
  GROUP BY who
), scored AS (
  SELECT who, calls, denied, regions, night, sensitive,
         CASE WHEN denied >= 5 THEN 3 WHEN denied > 0 THEN 1 ELSE 0 END
         + CASE WHEN regions >= 3 THEN 2 ELSE 0 END
         + CASE WHEN night > calls / 4 THEN 2 ELSE 0 END
         + least(sensitive, 5) AS score
  FROM features
)
SELECT who, score, calls, denied, regions, night, sensitive,
       dense_rank() OVER (ORDER BY score DESC) AS tier
FROM scored
ORDER BY score DESC, calls DESC, who
LIMIT 15
