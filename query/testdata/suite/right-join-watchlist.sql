-- RIGHT JOIN to a VALUES watch list: every watched API, with its calls (0 when none)
SELECT w.api, w.severity, count(c.eventid) AS calls
FROM cloudtrail_logs AS c
RIGHT JOIN (VALUES ('CreateUser', 'high'), ('AttachRolePolicy', 'high'), ('DeleteTrail', 'critical'), ('StopLogging', 'critical'))
  AS w(api, severity) ON c.eventname = w.api
GROUP BY w.api, w.severity
