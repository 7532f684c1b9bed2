SELECT * FROM cloudtrail_logs LIMIT -1
