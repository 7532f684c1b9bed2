SELECT * FROM cloudtrail_logs WHER eventname = 'x'
