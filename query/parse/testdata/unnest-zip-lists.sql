SELECT eventid, a, ty
FROM cloudtrail_logs, UNNEST(resources_arn, resources_type) u(a, ty)
WHERE ty LIKE 'AWS::IAM::%'
