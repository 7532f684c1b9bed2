-- UNNEST of two arrays side by side: resource ARN and type pairs, counted per type
SELECT u.rtype, count(*) AS n, count(u.rarn) AS with_arn, count(DISTINCT u.rarn) AS arns
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources_arn, resources_type) AS u(rarn, rtype)
GROUP BY u.rtype
/* duckdb:
SELECT rtype, count(*) AS n, count(rarn) AS with_arn, count(DISTINCT rarn) AS arns
FROM (SELECT unnest(resources_arn) AS rarn, unnest(resources_type) AS rtype FROM cloudtrail_logs) AS u
GROUP BY rtype
*/
