-- double arithmetic and avg
SELECT eventsource, avg(length(useragent)) AS avg_len,
       CAST(sum(length(useragent)) AS DOUBLE) / count(*) AS avg_len_too,
       avg(CAST(length(eventname) AS DOUBLE)) * 1e3 AS scaled
FROM cloudtrail_logs
GROUP BY eventsource
