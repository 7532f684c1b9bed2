-- UNNEST of a flat list column
SELECT split_part(arn, ':', 3) AS service, count(*) AS n
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources_arn) AS t(arn)
GROUP BY 1
