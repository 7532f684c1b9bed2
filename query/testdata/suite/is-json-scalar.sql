-- is_json_scalar tells scalars from objects and arrays at a path
SELECT eventid,
       is_json_scalar(json_extract(requestparameters, '$.bucketName')) AS bucket_scalar,
       is_json_scalar(json_extract(requestparameters, '$.n')) AS n_scalar,
       is_json_scalar(requestparameters) AS whole_object
FROM cloudtrail_logs
WHERE eventid = 'edge-0003'
/* duckdb:
SELECT eventid, true AS bucket_scalar, true AS n_scalar, false AS whole_object
FROM cloudtrail_logs
WHERE eventid = 'edge-0003'
*/
