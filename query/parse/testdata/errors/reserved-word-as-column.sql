SELECT eventname, order FROM cloudtrail_logs
