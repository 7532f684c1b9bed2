-- GROUP BY an expression repeated from the select list
SELECT lower(split_part(eventsource, '.', 1)) AS service, count(*) AS n
FROM cloudtrail_logs
GROUP BY lower(split_part(eventsource, '.', 1))
