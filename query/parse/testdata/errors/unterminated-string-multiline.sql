SELECT eventname
FROM cloudtrail_logs
WHERE errorcode = 'Access
Denied
LIMIT 10
