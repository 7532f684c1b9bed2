-- GROUP BY a select alias, an ordinal and an expression in one clause; ORDER BY an aggregate not in the select list
SELECT region AS r, date_trunc('day', eventtime) AS day, lower(eventsource) AS src, count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387'
GROUP BY r, 2, lower(eventsource)
HAVING count(*) > 100
ORDER BY max(eventtime) DESC, r, day, src
