-- one timeline of sign-ins and role assumptions per source IP (UNION ALL of two selects), numbered per IP, for the IPs with both kinds
WITH timeline AS (
  SELECT sourceipaddress AS ip, eventtime, 'signin' AS kind, json_extract_scalar(responseelements, '$.ConsoleLogin') AS detail, eventid
  FROM cloudtrail_logs
  WHERE eventname = 'ConsoleLogin'
  UNION ALL
  SELECT sourceipaddress, eventtime, 'assume', split_part(json_extract_scalar(requestparameters, '$.roleArn'), '/', 2), eventid
  FROM cloudtrail_logs
  WHERE eventname = 'AssumeRole' AND useridentity.type = 'IAMUser'
), numbered AS (
  SELECT ip, eventtime, kind, detail,
         row_number() OVER (PARTITION BY ip ORDER BY eventtime, eventid) AS step,
         min(kind) OVER (PARTITION BY ip) <> max(kind) OVER (PARTITION BY ip) AS both_kinds
  FROM timeline
)
SELECT ip, step, eventtime, kind, detail
FROM numbered
WHERE both_kinds AND step <= 3
ORDER BY ip, step
