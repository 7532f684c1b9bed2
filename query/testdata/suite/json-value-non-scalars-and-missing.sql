-- JSON_VALUE gives scalars only: objects, arrays, several items (lax unwrapping) and missing paths are NULL; numbers and booleans come back as text; array subscripts
SELECT eventid,
  json_value(requestparameters, 'lax $.bucketName') AS bucket,
  json_value(requestparameters, 'lax $.n') AS n_text,
  json_value(requestparameters, 'lax $.flag') AS flag_text,
  json_value(requestparameters, 'lax $.ratio') AS ratio_text,
  json_value(requestparameters, 'lax $.tags') AS tags_array,
  json_value(requestparameters, 'lax $.tags[1].value') AS second_tag,
  json_value(requestparameters, 'lax $.tags.key') AS several_keys,
  json_value(requestparameters, 'lax $.instancesSet') AS an_object,
  json_value(requestparameters, 'strict $.instancesSet.items[0].instanceId') AS first_instance,
  json_value(requestparameters, 'lax $.nope.deeper') AS missing,
  json_value(serviceeventdetails, 'lax $.affected[0]') AS first_affected,
  json_value(responseelements, 'lax $.ConsoleLogin') AS login
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT eventid,
  json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
  json_extract_scalar(requestparameters, '$.n') AS n_text,
  json_extract_scalar(requestparameters, '$.flag') AS flag_text,
  json_extract_scalar(requestparameters, '$.ratio') AS ratio_text,
  CAST(NULL AS VARCHAR) AS tags_array,
  json_extract_scalar(requestparameters, '$.tags[1].value') AS second_tag,
  CAST(NULL AS VARCHAR) AS several_keys,
  CAST(NULL AS VARCHAR) AS an_object,
  json_extract_scalar(requestparameters, '$.instancesSet.items[0].instanceId') AS first_instance,
  CAST(NULL AS VARCHAR) AS missing,
  json_extract_scalar(serviceeventdetails, '$.affected[0]') AS first_affected,
  json_extract_scalar(responseelements, '$.ConsoleLogin') AS login
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
