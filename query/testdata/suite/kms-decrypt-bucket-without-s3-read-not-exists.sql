-- KMS decrypts for an S3 bucket (encryptionContext["aws:s3:arn"]) by principals that never read that bucket through S3 (correlated NOT EXISTS)
SELECT k.account, json_extract_scalar(k.requestparameters, '$.encryptionContext["aws:s3:arn"]') AS bucket_arn,
       count(*) AS decrypts, count(DISTINCT k.useridentity.arn) AS principals
FROM cloudtrail_logs AS k
WHERE k.eventname = 'Decrypt' AND k.useridentity.arn IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM cloudtrail_logs AS s
    WHERE s.eventname = 'GetObject'
      AND s.useridentity.arn = k.useridentity.arn
      AND 'arn:aws:s3:::' || json_extract_scalar(s.requestparameters, '$.bucketName') = json_extract_scalar(k.requestparameters, '$.encryptionContext["aws:s3:arn"]')
  )
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
SELECT k.account, json_extract_string(k.requestparameters, '$.encryptionContext."aws:s3:arn"') AS bucket_arn,
       count(*) AS decrypts, count(DISTINCT k.useridentity.arn) AS principals
FROM cloudtrail_logs AS k
WHERE k.eventname = 'Decrypt' AND k.useridentity.arn IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM cloudtrail_logs AS s
    WHERE s.eventname = 'GetObject'
      AND s.useridentity.arn = k.useridentity.arn
      AND 'arn:aws:s3:::' || json_extract_string(s.requestparameters, '$.bucketName') = json_extract_string(k.requestparameters, '$.encryptionContext."aws:s3:arn"')
  )
GROUP BY 1, 2
ORDER BY 1, 2
*/
