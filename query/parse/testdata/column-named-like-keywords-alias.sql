SELECT eventname name, count(*) total, max(eventtime) latest
FROM cloudtrail_logs logs
GROUP BY eventname
