-- JSON_VALUE (SQL/JSON path): the bucket named by each S3 call
SELECT json_value(requestparameters, 'lax $.bucketName') AS bucket, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com'
GROUP BY 1
/* duckdb:
SELECT json_extract_string(requestparameters, '$.bucketName') AS bucket, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com'
GROUP BY 1
*/
