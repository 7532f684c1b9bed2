-- GROUP BY a name that is both a column and a select alias: Trino groups by the column, so prefixes repeat
SELECT substr(eventname, 1, 3) AS eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com'
GROUP BY eventname
