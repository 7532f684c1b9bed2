-- quantified comparisons: events later than every failed console login, and services busier on some day than any day of s3
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime > ALL (SELECT eventtime FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' AND errormessage IS NOT NULL)
   OR eventsource IN (SELECT eventsource FROM cloudtrail_logs GROUP BY eventsource, date
                      HAVING count(*) >= ANY (SELECT count(*) FROM cloudtrail_logs WHERE eventsource = 's3.amazonaws.com' GROUP BY date))
GROUP BY eventsource
ORDER BY n DESC, eventsource
