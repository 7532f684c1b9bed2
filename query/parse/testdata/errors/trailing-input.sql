SELECT eventname FROM cloudtrail_logs WHERE readonly = false garbage
