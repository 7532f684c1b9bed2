SELECT * FROM awsdatacatalog.security_lake.cloudtrail_logs LIMIT 5
