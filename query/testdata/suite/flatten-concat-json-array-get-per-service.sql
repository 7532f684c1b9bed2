-- per service: all resource ARNs of its calls (flatten of array_agg of transformed arrays, concat with the sources), and the first EC2 item of requestParameters by json_array_get
SELECT eventsource,
       cardinality(flatten(array_agg(transform(resources, r -> r.arn)))) AS arns,
       cardinality(array_distinct(flatten(array_agg(transform(resources, r -> r.type))) || ARRAY['none'])) AS types_plus_one,
       count(json_array_get(json_extract(requestparameters, '$.instancesSet.items'), 0)) AS first_items,
       max(json_extract_scalar(json_array_get(json_extract(requestparameters, '$.instancesSet.items'), 0), '$.instanceId')) AS max_first_id
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
SELECT eventsource,
       len(flatten(list(list_transform(coalesce(resources, []), r -> r.arn)))) AS arns,
       len(list_distinct(list_concat(flatten(list(list_transform(coalesce(resources, []), r -> r.type))), ['none']))) AS types_plus_one,
       count(json_extract(requestparameters, '$.instancesSet.items[0]')) AS first_items,
       max(json_extract_string(requestparameters, '$.instancesSet.items[0].instanceId')) AS max_first_id
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY eventsource
*/
