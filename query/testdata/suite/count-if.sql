-- count_if per service
SELECT eventsource, count_if(errorcode IS NOT NULL) AS failed, count_if(readonly) AS reads, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
