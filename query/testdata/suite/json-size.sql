-- json_size counts an object's keys or an array's elements at a path; 0 for a scalar, NULL when absent
SELECT eventid, json_size(requestparameters, '$') AS keys, json_size(requestparameters, '$.tags') AS tags,
       json_size(requestparameters, '$.userName') AS scalar, json_size(requestparameters, '$.nope') AS missing
FROM cloudtrail_logs
WHERE eventid IN ('edge-0002', 'edge-0003')
/* duckdb:
SELECT eventid,
       CAST(len(json_keys(requestparameters, '$')) AS BIGINT) AS keys,
       CAST(CASE WHEN json_type(requestparameters, '$.tags') = 'ARRAY' THEN system.main.json_array_length(requestparameters, '$.tags') END AS BIGINT) AS tags,
       CAST(CASE WHEN json_type(requestparameters, '$.userName') IS NOT NULL THEN 0 END AS BIGINT) AS scalar,
       CAST(NULL AS BIGINT) AS missing
FROM cloudtrail_logs
WHERE eventid IN ('edge-0002', 'edge-0003')
*/
