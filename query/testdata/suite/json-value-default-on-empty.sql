-- JSON_VALUE with DEFAULT ... ON EMPTY and ON ERROR: a placeholder for a missing bucket, -1 for a missing count, a marker where the path holds an array
SELECT eventid,
  json_value(requestparameters, 'lax $.bucketName' DEFAULT 'none' ON EMPTY) AS bucket,
  json_value(requestparameters, 'lax $.n' RETURNING bigint DEFAULT -1 ON EMPTY) AS n,
  json_value(requestparameters, 'lax $.tags' DEFAULT 'not a scalar' ON ERROR) AS tags
FROM cloudtrail_logs
WHERE eventid IN ('edge-0002', 'edge-0003', 'edge-0007')
ORDER BY eventid
/* duckdb:
SELECT eventid,
  coalesce(json_extract_scalar(requestparameters, '$.bucketName'), 'none') AS bucket,
  coalesce(TRY_CAST(json_extract_scalar(requestparameters, '$.n') AS BIGINT), -1) AS n,
  CASE WHEN json_type(requestparameters, '$.tags') IN ('ARRAY', 'OBJECT') THEN 'not a scalar' ELSE json_extract_scalar(requestparameters, '$.tags') END AS tags
FROM cloudtrail_logs
WHERE eventid IN ('edge-0002', 'edge-0003', 'edge-0007')
ORDER BY eventid
*/
