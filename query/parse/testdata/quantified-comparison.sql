SELECT eventname FROM cloudtrail_logs
WHERE eventtime > ALL (SELECT eventtime FROM insights) OR eventtime = ANY (SELECT eventtime FROM insights WHERE eventname = 'x')
