-- date_diff counts whole units between two instants
SELECT account, date_diff('second', min(eventtime), max(eventtime)) AS secs,
       date_diff('hour', min(eventtime), max(eventtime)) AS hours,
       date_diff('day', min(eventtime), max(eventtime)) AS days,
       date_diff('millisecond', min(eventtime), max(eventtime)) AS ms
FROM cloudtrail_logs
GROUP BY account
