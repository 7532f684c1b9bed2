SELECT ROW(eventname, eventsource) AS pair, CAST(ROW(1, 'a') AS row(n integer, s varchar)).s AS s
FROM cloudtrail_logs
WHERE (eventname, eventsource) = ('PutObject', 's3.amazonaws.com')
