SELECT eventname FROM cloudtrail_logs WHERE errorcode = 'AccessDenied
