-- JSON_EXISTS and JSON_QUERY over requestParameters: calls naming a bucket, calls with an instances set, and the instances set itself as JSON text
SELECT eventsource,
       count_if(JSON_EXISTS(requestparameters, 'lax $.bucketName')) AS with_bucket,
       count_if(JSON_EXISTS(requestparameters, 'lax $.instancesSet.items')) AS with_items,
       max(JSON_QUERY(requestparameters, 'lax $.instancesSet')) AS max_set,
       count(JSON_QUERY(requestparameters, 'lax $.instancesSet.items[0]')) AS first_items
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
SELECT eventsource,
       count(*) FILTER (WHERE json_exists(requestparameters, '$.bucketName')) AS with_bucket,
       count(*) FILTER (WHERE json_exists(requestparameters, '$.instancesSet.items')) AS with_items,
       max(CAST(json_extract(requestparameters, '$.instancesSet') AS varchar)) AS max_set,
       count(json_extract(requestparameters, '$.instancesSet.items[0]')) AS first_items
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY eventsource
*/
