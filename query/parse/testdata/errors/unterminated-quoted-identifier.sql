SELECT "eventname FROM cloudtrail_logs
