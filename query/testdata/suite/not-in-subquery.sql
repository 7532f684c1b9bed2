-- NOT IN (subquery) over a column without NULLs
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource NOT IN (SELECT eventsource FROM cloudtrail_logs WHERE errorcode = 'NoSuchKey')
GROUP BY eventsource
