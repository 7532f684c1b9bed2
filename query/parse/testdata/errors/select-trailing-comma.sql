SELECT eventname, eventsource, FROM cloudtrail_logs
