-- json_extract returns JSON text, NULL when the path is absent
SELECT eventid, json_extract(requestparameters, '$.tags') AS tags, json_extract(responseelements, '$.user.userName') AS name,
       json_extract(requestparameters, '$.nope') AS nope
FROM cloudtrail_logs
WHERE eventid IN ('edge-0002', 'edge-0005')
