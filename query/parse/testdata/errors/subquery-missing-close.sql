SELECT * FROM (SELECT eventname FROM cloudtrail_logs WHERE x = 1
