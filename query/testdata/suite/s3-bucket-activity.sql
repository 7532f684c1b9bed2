-- the busiest buckets and their operations
SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket, eventname, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com' AND account = '256224797377'
GROUP BY 1, 2
ORDER BY n DESC, bucket, eventname
LIMIT 15
