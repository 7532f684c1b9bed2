-- JSON_VALUE ... RETURNING double, boolean, bigint and varchar: a value that does not convert gives NULL (NULL ON ERROR is the default)
SELECT eventid,
  json_value(requestparameters, 'lax $.ratio' RETURNING double) AS ratio,
  json_value(requestparameters, 'lax $.flag' RETURNING boolean) AS flag,
  json_value(requestparameters, 'lax $.n' RETURNING bigint) + 1 AS n_plus_1,
  json_value(requestparameters, 'lax $.bucketName' RETURNING bigint) AS bucket_as_number,
  json_value(requestparameters, 'lax $.pendingWindowInDays' RETURNING integer) * 24 AS pending_hours,
  json_value(requestparameters, 'lax $.n' RETURNING varchar) AS n_text
FROM cloudtrail_logs
WHERE eventid IN ('edge-0003', 'edge-0007', 'edge-0002')
ORDER BY eventid
/* duckdb:
SELECT eventid,
  TRY_CAST(json_extract_scalar(requestparameters, '$.ratio') AS DOUBLE) AS ratio,
  TRY_CAST(json_extract_scalar(requestparameters, '$.flag') AS BOOLEAN) AS flag,
  TRY_CAST(json_extract_scalar(requestparameters, '$.n') AS BIGINT) + 1 AS n_plus_1,
  TRY_CAST(json_extract_scalar(requestparameters, '$.bucketName') AS BIGINT) AS bucket_as_number,
  TRY_CAST(json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS INTEGER) * 24 AS pending_hours,
  json_extract_scalar(requestparameters, '$.n') AS n_text
FROM cloudtrail_logs
WHERE eventid IN ('edge-0003', 'edge-0007', 'edge-0002')
ORDER BY eventid
*/
