SELECT * FROM cloudtrail_logs ORDER BY eventtime LIMT 10
