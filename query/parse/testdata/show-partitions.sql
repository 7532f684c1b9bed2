SHOW PARTITIONS cloudtrail_logs;
