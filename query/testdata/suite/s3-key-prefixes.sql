-- object key prefixes read and written
SELECT split_part(json_extract_scalar(requestparameters, '$.key'), '/', 1) AS prefix, eventname,
       count(*) AS n, sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS BIGINT)) AS bytes_out
FROM cloudtrail_logs
WHERE eventname IN ('GetObject', 'PutObject')
GROUP BY 1, 2
