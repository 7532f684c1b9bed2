SELECT eventtime, useridentity.arn, json_extract_scalar(requestparameters, '$.bucketName') AS bucket
FROM cloudtrail_logs
WHERE eventname IN ('PutBucketAcl', 'PutBucketPolicy', 'DeletePublicAccessBlock')
  AND (json_extract_scalar(requestparameters, '$.AccessControlPolicy.AccessControlList.Grant[0].Grantee.URI') LIKE '%AllUsers'
       OR eventname = 'DeletePublicAccessBlock')
