-- Athena-ism: readonly = 'false'; the string-typed readOnly of one edge event is NULL
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE readonly = 'false'
GROUP BY eventsource
