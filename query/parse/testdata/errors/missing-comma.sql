SELECT eventname count(*) FROM cloudtrail_logs
