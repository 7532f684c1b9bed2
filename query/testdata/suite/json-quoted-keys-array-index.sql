-- json_extract_scalar with bracketed quoted keys, array indexes and a missing index
SELECT eventid,
       json_extract_scalar(requestparameters, '$["tags"][1]["value"]') AS second_tag,
       json_extract_scalar(requestparameters, '$.tags[0].key') AS first_key,
       json_extract_scalar(requestparameters, '$.tags[5].key') AS missing,
       json_extract_scalar(serviceeventdetails, '$.affected[1]') AS affected2,
       json_extract(requestparameters, '$.instancesSet.items[1]') AS item2
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0002', 'edge-0005')
/* duckdb:
SELECT eventid,
       json_extract_scalar(requestparameters, '$.tags[1].value') AS second_tag,
       json_extract_scalar(requestparameters, '$.tags[0].key') AS first_key,
       json_extract_scalar(requestparameters, '$.tags[5].key') AS missing,
       json_extract_scalar(serviceeventdetails, '$.affected[1]') AS affected2,
       json_extract(requestparameters, '$.instancesSet.items[1]') AS item2
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0002', 'edge-0005')
*/
