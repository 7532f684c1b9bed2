SELECT eventname FROM cloudtrail_logs ORDER BY eventname LIMIT ALL
