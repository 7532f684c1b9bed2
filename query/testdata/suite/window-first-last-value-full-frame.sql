-- first_value/last_value over the whole partition: each IAM user's first and last call of each day
SELECT DISTINCT useridentity.username AS username, date,
       first_value(eventname) OVER (PARTITION BY useridentity.username, date ORDER BY eventtime, eventid
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_call,
       last_value(eventname) OVER (PARTITION BY useridentity.username, date ORDER BY eventtime, eventid
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_call
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '252456891452'
