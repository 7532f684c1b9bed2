-- per service: the three latest call times and the two alphabetically first API names with repeats (max(x, n), min(x, n)), and the two largest error codes ignoring NULLs
SELECT eventsource, max(eventtime, 3) AS latest, min(eventname, 2) AS first_names, max(errorcode, 2) AS top_errors
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY eventsource
