-- SELECT * over FULL JOIN ... USING: the key once and merged (coalesce of both sides), then each side's other columns
SELECT *
FROM (SELECT eventsource, count(*) AS errors FROM cloudtrail_logs WHERE errorcode = 'AccessDenied' AND date = '2026-01-01' GROUP BY 1) AS d
FULL JOIN (SELECT eventsource, count(*) AS writes FROM cloudtrail_logs WHERE readonly = false AND date = '2026-01-02' GROUP BY 1) AS w
USING (eventsource)
ORDER BY eventsource
