-- JSON_VALUE with the SQL/JSON path subscripts last and last - 1: the last and next-to-last tag of CreateUser, the last affected instance
SELECT eventid,
  json_value(requestparameters, 'lax $.tags[last].key') AS last_tag_key,
  json_value(requestparameters, 'lax $.tags[last - 1].value') AS first_tag_value,
  json_value(serviceeventdetails, 'strict $.affected[last]') AS last_affected
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0002')
ORDER BY eventid
/* duckdb:
SELECT eventid,
  json_extract_scalar(requestparameters, '$.tags[#-1].key') AS last_tag_key,
  json_extract_scalar(requestparameters, '$.tags[#-2].value') AS first_tag_value,
  json_extract_scalar(serviceeventdetails, '$.affected[#-1]') AS last_affected
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0002')
ORDER BY eventid
*/
