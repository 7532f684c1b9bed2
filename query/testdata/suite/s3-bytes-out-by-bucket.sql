-- S3 data events by bucket: GetObject calls and bytes out (bigint sums of JSON numbers), top buckets
SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket, count(*) AS gets,
       sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS BIGINT)) AS bytes_out,
       round(sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS DOUBLE)) / 1048576, 2) AS mib_out
FROM cloudtrail_logs
WHERE eventsource = 's3.amazonaws.com' AND eventname = 'GetObject' AND eventcategory = 'Data'
GROUP BY 1
ORDER BY bytes_out DESC, bucket
LIMIT 8
