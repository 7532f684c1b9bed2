-- array_max, array_position, array_except and array_union over the resource type lists (sorted: DuckDB's list_distinct does not keep Trino's first-appearance order)
SELECT eventname, array_max(resources_type) AS max_type, array_position(resources_type, 'AWS::S3::Bucket') AS bucket_pos,
       array_sort(array_except(resources_type, ARRAY['AWS::S3::Object'])) AS without_objects,
       array_sort(array_union(resources_type, ARRAY['AWS::S3::Bucket'])) AS with_bucket, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com' AND cardinality(resources_type) > 0
GROUP BY 1, 2, 3, 4, 5
/* duckdb:
SELECT eventname, list_max(resources_type) AS max_type, CAST(coalesce(list_position(resources_type, 'AWS::S3::Bucket'), 0) AS BIGINT) AS bucket_pos,
       list_sort(list_filter(list_distinct(resources_type), x -> x <> 'AWS::S3::Object')) AS without_objects,
       list_sort(list_distinct(list_concat(resources_type, ['AWS::S3::Bucket']))) AS with_bucket, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com' AND len(resources_type) > 0
GROUP BY 1, 2, 3, 4, 5
*/
