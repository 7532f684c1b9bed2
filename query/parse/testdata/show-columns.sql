SHOW COLUMNS IN security_lake.cloudtrail_logs
