SELECT count(*) FROM security_lake.cloudtrail_logs t WHERE t.account = '111122223333'
