-- ORDER BY a window function not in the select list
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs WHERE date = '2026-01-03'
GROUP BY eventsource
ORDER BY row_number() OVER (ORDER BY count(*) DESC, eventsource)
LIMIT 5
