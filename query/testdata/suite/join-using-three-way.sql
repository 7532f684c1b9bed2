-- three tables chained by LEFT and FULL JOIN ... USING: the key is the merged column at each step
SELECT eventsource, a.n AS day1, b.n AS day2, c.n AS day3
FROM (SELECT eventsource, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-01' AND errorcode = 'AccessDenied' GROUP BY 1) AS a
FULL JOIN (SELECT eventsource, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-02' AND errorcode = 'ThrottlingException' GROUP BY 1) AS b USING (eventsource)
LEFT JOIN (SELECT eventsource, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-03' AND readonly = false GROUP BY 1) AS c USING (eventsource)
ORDER BY eventsource
