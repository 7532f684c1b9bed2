-- nth_value over the full partition: the second API each IAM user called on each day
SELECT DISTINCT useridentity.username AS username, date,
       nth_value(eventname, 2) OVER (PARTITION BY useridentity.username, date ORDER BY eventtime, eventid
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_call
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '256224797377'
