SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
       eventname, count(*) AS calls
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com'
  AND json_extract_scalar(requestparameters, '$.bucketName') IS NOT NULL
GROUP BY 1, 2
ORDER BY calls DESC
LIMIT 25
