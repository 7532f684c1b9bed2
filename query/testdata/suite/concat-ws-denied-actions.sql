-- concat_ws: IAM-style action names (service:Action) of the denied calls
SELECT concat_ws(':', split_part(eventsource, '.', 1), eventname) AS action, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode = 'AccessDenied'
GROUP BY 1
