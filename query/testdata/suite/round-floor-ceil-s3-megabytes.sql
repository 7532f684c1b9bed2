-- round/floor/ceil on doubles: megabytes read from each bucket, the average object in whole KiB, the largest in MiB
SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
       round(sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS double)) / 1048576, 2) AS mib,
       floor(avg(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS double)) / 1024) AS avg_kib,
       ceil(max(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS double)) / 1048576) AS max_mib
FROM cloudtrail_logs
WHERE eventname = 'GetObject'
GROUP BY 1
