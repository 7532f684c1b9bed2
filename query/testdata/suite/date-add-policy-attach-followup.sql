-- date_add in a join condition: what a role did within an hour after a policy was attached to it
SELECT a.eventid AS attach_event, json_extract_scalar(a.requestparameters, '$.policyArn') AS policy,
       count(e.eventid) AS calls_within_1h, count(DISTINCT e.eventname) AS apis
FROM cloudtrail_logs AS a
JOIN cloudtrail_logs AS e
  ON e.useridentity.sessioncontext.sessionissuer.username = json_extract_scalar(a.requestparameters, '$.roleName')
 AND e.account = a.account
 AND e.eventtime BETWEEN a.eventtime AND date_add('hour', 1, a.eventtime)
WHERE a.eventname = 'AttachRolePolicy' AND a.errorcode IS NULL
GROUP BY 1, 2
