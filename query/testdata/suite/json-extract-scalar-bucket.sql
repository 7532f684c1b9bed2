-- json_extract_scalar of a top-level key
SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket, eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com'
GROUP BY 1, 2
