-- ORDER BY applies to the whole union
SELECT eventname AS name, 'event' AS kind FROM cloudtrail_logs WHERE eventsource = 'iam.amazonaws.com'
UNION
SELECT errorcode, 'error' FROM cloudtrail_logs WHERE errorcode IS NOT NULL
ORDER BY kind, name
