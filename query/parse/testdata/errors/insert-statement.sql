INSERT INTO t SELECT * FROM cloudtrail_logs
