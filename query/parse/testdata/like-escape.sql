SELECT eventname FROM cloudtrail_logs
WHERE useridentity_username LIKE 'svc\_%' ESCAPE '\'
   OR useridentity_username NOT LIKE '%@example.com'
