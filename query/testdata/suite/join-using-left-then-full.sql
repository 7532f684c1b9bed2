-- LEFT JOIN ... USING then FULL JOIN ... USING on the merged key: denied calls, writes of s* services, and logins/role assumptions per service
SELECT eventsource, d.denied, w.writes, l.logins
FROM (SELECT eventsource, count(*) AS denied FROM cloudtrail_logs WHERE errorcode = 'AccessDenied' AND account = '087463005387' GROUP BY 1) AS d
LEFT JOIN (SELECT eventsource, count(*) AS writes FROM cloudtrail_logs
           WHERE readonly = false AND account = '087463005387' AND eventsource LIKE 's%' GROUP BY 1) AS w USING (eventsource)
FULL JOIN (SELECT eventsource, count(*) AS logins FROM cloudtrail_logs WHERE eventname IN ('ConsoleLogin', 'AssumeRole', 'CreateUser') GROUP BY 1) AS l
  USING (eventsource)
ORDER BY eventsource
