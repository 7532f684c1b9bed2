-- json_array_length of arrays; NULL for objects
SELECT eventid,
       json_array_length(json_extract(requestparameters, '$.tags')) AS tags,
       json_array_length(json_extract(requestparameters, '$.instancesSet.items')) AS items,
       json_array_length(requestparameters) AS of_object
FROM cloudtrail_logs
WHERE account = '123456789012'
