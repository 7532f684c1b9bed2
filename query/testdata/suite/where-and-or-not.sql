-- AND, OR, NOT and parentheses
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE (eventsource = 's3.amazonaws.com' OR eventsource = 'kms.amazonaws.com')
  AND NOT readonly
  AND errorcode IS NULL
GROUP BY eventname
