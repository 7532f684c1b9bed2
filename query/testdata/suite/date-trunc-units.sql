-- date_trunc to minute, day, week, month and year
SELECT eventid, date_trunc('minute', eventtime) AS mi, date_trunc('day', eventtime) AS d,
       date_trunc('week', eventtime) AS w, date_trunc('month', eventtime) AS mo, date_trunc('year', eventtime) AS y
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
