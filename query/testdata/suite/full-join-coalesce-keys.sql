-- FULL OUTER JOIN of two per-hour series with COALESCE on the keys: console logins vs IAM writes
SELECT coalesce(l.h, w.h) AS h, coalesce(l.logins, 0) AS logins, coalesce(w.writes, 0) AS writes
FROM (SELECT date_trunc('hour', eventtime) AS h, count(*) AS logins FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' GROUP BY 1) AS l
FULL OUTER JOIN (SELECT date_trunc('hour', eventtime) AS h, count(*) AS writes FROM cloudtrail_logs
                 WHERE eventsource = 'iam.amazonaws.com' AND readonly = false GROUP BY 1) AS w
  ON l.h = w.h
ORDER BY 1
