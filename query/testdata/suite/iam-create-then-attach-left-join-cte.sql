-- IAM changes per principal: CreateUser calls, and the AttachRolePolicy by the same principal within the next 6 hours (a CTE LEFT JOINed to itself)
WITH iam AS (
  SELECT coalesce(useridentity.arn, useridentity.type) AS who, eventname, eventtime, eventid,
         json_extract_scalar(requestparameters, '$.userName') AS new_user,
         split_part(json_extract_scalar(requestparameters, '$.policyArn'), '/', 2) AS policy
  FROM cloudtrail_logs
  WHERE eventsource = 'iam.amazonaws.com' AND eventname IN ('CreateUser', 'AttachRolePolicy')
)
SELECT c.who, c.eventtime AS created_at, c.new_user, a.eventtime AS attached_at, a.policy,
       date_diff('minute', c.eventtime, a.eventtime) AS after_min
FROM iam AS c
LEFT JOIN iam AS a
  ON a.who = c.who AND a.eventname = 'AttachRolePolicy'
 AND a.eventtime BETWEEN c.eventtime AND c.eventtime + INTERVAL '6' HOUR
WHERE c.eventname = 'CreateUser'
ORDER BY c.who, created_at NULLS FIRST, c.eventid, attached_at, a.eventid
