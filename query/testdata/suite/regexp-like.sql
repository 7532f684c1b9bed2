-- regexp_like finds a pattern anywhere
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE regexp_like(useragent, 'aws-cli/2\.[0-9]+') OR regexp_like(useragent, '^Boto3/')
GROUP BY eventsource
