SELECT eventname, count(*) FORM cloudtrail_logs
