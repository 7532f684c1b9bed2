-- an old-style comma join with keys in WHERE: sessions of a role after a policy was attached to it
SELECT a.eventid, json_extract_scalar(a.requestparameters, '$.roleName') AS role,
       json_extract_scalar(a.requestparameters, '$.policyArn') AS policy, count(s.eventid) AS calls_after
FROM cloudtrail_logs a, cloudtrail_logs s
WHERE a.eventname = 'AttachRolePolicy' AND a.errorcode IS NULL AND a.account = s.account
  AND s.useridentity.sessioncontext.sessionissuer.username = json_extract_scalar(a.requestparameters, '$.roleName')
  AND s.eventtime > a.eventtime
GROUP BY 1, 2, 3
