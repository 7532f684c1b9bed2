SELECT count(*) AS end FROM cloudtrail_logs
