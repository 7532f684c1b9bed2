SELECT DISTINCT * FROM (SELECT eventname, eventsource FROM cloudtrail_logs) x
