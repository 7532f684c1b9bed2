-- the path segments of S3 object ARNs: UNNEST(resources), then UNNEST(split(r.arn, '/')) WITH ORDINALITY reading the first unnest's column
SELECT i AS depth, count(*) AS n, count(DISTINCT part) AS distinct_parts, min(part) AS first_part, max(part) AS last_part
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
CROSS JOIN UNNEST(split(r.arn, '/')) WITH ORDINALITY AS s(part, i)
WHERE eventname = 'PutObject' AND r.type = 'AWS::S3::Object'
GROUP BY i
ORDER BY i
/* duckdb:
SELECT i AS depth, count(*) AS n, count(DISTINCT part) AS distinct_parts, min(part) AS first_part, max(part) AS last_part
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
CROSS JOIN UNNEST(string_split(r.arn, '/')) WITH ORDINALITY AS s(part, i)
WHERE eventname = 'PutObject' AND r.type = 'AWS::S3::Object'
GROUP BY i
ORDER BY i
*/
