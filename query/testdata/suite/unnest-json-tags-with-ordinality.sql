-- tags set on new IAM users: UNNEST of requestParameters.tags cast to ARRAY(JSON) WITH ORDINALITY, key and value by json_extract_scalar
SELECT eventid, json_extract_scalar(requestparameters, '$.userName') AS new_user, n AS position,
       json_extract_scalar(tag, '$.key') AS tag_key, json_extract_scalar(tag, '$.value') AS tag_value,
       json_format(tag) AS raw
FROM cloudtrail_logs
CROSS JOIN UNNEST(CAST(json_extract(requestparameters, '$.tags') AS ARRAY(JSON))) WITH ORDINALITY AS t(tag, n)
WHERE eventname = 'CreateUser'
ORDER BY eventid, position
/* duckdb:
SELECT eventid, json_extract_scalar(requestparameters, '$.userName') AS new_user, n AS position,
       json_extract_string(tag, '$.key') AS tag_key, json_extract_string(tag, '$.value') AS tag_value,
       CAST(tag AS VARCHAR) AS raw
FROM cloudtrail_logs
CROSS JOIN UNNEST(system.main.json_extract(requestparameters, '$.tags[*]')) WITH ORDINALITY AS t(tag, n)
WHERE eventname = 'CreateUser'
ORDER BY eventid, position
*/
