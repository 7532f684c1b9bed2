-- a correlated IN subquery and a scalar subquery in HAVING compared with the outer aggregate
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs o
WHERE o.eventname IN (SELECT i.eventname FROM cloudtrail_logs i WHERE i.eventsource = o.eventsource AND i.errorcode = 'AccessDenied')
GROUP BY eventsource
HAVING count(*) > (SELECT count(*) / 100 FROM cloudtrail_logs z WHERE z.eventsource = o.eventsource)
