-- sum, avg, min and max, of numbers, strings and timestamps
SELECT eventsource, sum(length(eventid)) AS s, avg(length(useragent)) AS a,
       min(eventtime) AS first, max(eventtime) AS last, min(eventname) AS min_name, max(sourceipaddress) AS max_ip
FROM cloudtrail_logs
GROUP BY eventsource
