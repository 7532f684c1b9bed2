-- any_match() with a lambda over the resources rows: events that touched an S3 resource, per service
SELECT eventsource, count_if(any_match(resources, r -> r.type LIKE 'AWS::S3::%')) AS s3_events, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
SELECT eventsource, count(*) FILTER (WHERE len(list_filter(resources, r -> r.type LIKE 'AWS::S3::%')) > 0) AS s3_events, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
*/
