SELECT eventname,
       CASE readonly WHEN true THEN 'read' WHEN false THEN 'write' ELSE 'unknown' END AS access
FROM cloudtrail_logs
LIMIT 10
