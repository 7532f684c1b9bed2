-- strpos and starts_with
SELECT strpos(useragent, '/') AS slash, starts_with(eventsource, 's3') AS s3, strpos(useragent, 'no-such-text') AS none,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2, 3
