WITH creates AS (
  SELECT json_extract_scalar(responseelements, '$.instancesSet.items[0].instanceId') AS instance, eventtime AS created
  FROM cloudtrail_logs WHERE eventname = 'RunInstances'
),
terminates AS (
  SELECT json_extract_scalar(requestparameters, '$.instancesSet.items[0].instanceId') AS instance, eventtime AS terminated
  FROM cloudtrail_logs WHERE eventname = 'TerminateInstances'
)
SELECT c.instance, c.created, t.terminated, date_diff('hour', c.created, t.terminated) AS lifetime_hours
FROM creates c
LEFT OUTER JOIN terminates t ON c.instance = t.instance
