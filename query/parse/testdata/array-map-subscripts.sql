SELECT resources_arn[1] AS first_arn,
       element_at(resources_arn, -1) AS last_arn,
       split(useridentity_arn, '/')[2] AS role_session,
       CAST(json_parse(requestparameters) AS map(varchar, json))['bucketName'] AS bucket,
       ARRAY['a', 'b'] || ARRAY['c'] AS arr,
       contains(ARRAY['us-east-1', 'us-west-2'], awsregion) AS us
FROM cloudtrail_logs
