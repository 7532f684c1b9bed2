-- failed console sign-ins by source IP
SELECT sourceipaddress, count(*) AS failures, min(eventtime) AS first, max(eventtime) AS last
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin' AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure'
GROUP BY sourceipaddress
