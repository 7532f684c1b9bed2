-- json_extract_scalar with a bracketed key: the S3 bucket behind each KMS call ("aws:s3:arn" in the encryption context)
SELECT eventname, json_extract_scalar(requestparameters, '$.encryptionContext["aws:s3:arn"]') AS s3_arn, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'kms.amazonaws.com'
GROUP BY 1, 2
/* duckdb:
SELECT eventname, json_extract_string(requestparameters, '$.encryptionContext."aws:s3:arn"') AS s3_arn, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'kms.amazonaws.com'
GROUP BY 1, 2
*/
