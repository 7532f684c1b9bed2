SELECT eventsource,
       count(*) FILTER (WHERE errorcode IS NOT NULL) AS errors,
       count(DISTINCT useridentity_arn) FILTER (WHERE readonly = false) AS writers,
       sum(1) AS total
FROM cloudtrail_logs
GROUP BY eventsource
