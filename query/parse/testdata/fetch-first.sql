SELECT eventname FROM cloudtrail_logs ORDER BY eventtime DESC FETCH FIRST 10 ROWS ONLY
