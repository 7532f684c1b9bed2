-- json_extract_scalar of numbers, booleans, objects and arrays
SELECT eventid,
       json_extract_scalar(requestparameters, '$.n') AS n,
       json_extract_scalar(requestparameters, '$.flag') AS flag,
       json_extract_scalar(requestparameters, '$.ratio') AS ratio,
       json_extract_scalar(requestparameters, '$.tags') AS tags_array,
       json_extract_scalar(responseelements, '$.user') AS user_object,
       json_extract_scalar(requestparameters, '$.missing') AS missing
FROM cloudtrail_logs
WHERE account = '123456789012'
