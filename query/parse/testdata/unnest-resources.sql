SELECT eventname, r.arn, r.type
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
WHERE r.type = 'AWS::S3::Object'
LIMIT 20
