SELECT eventid,
       transform(resources_arn, a -> lower(a)) AS arns,
       filter(resources_type, t -> t LIKE 'AWS::S3::%') AS s3_types,
       reduce(resources_arn, 0, (s, a) -> s + length(a), s -> s) AS total_len,
       any_match(resources_arn, a -> a LIKE '%prod%') AS touches_prod
FROM cloudtrail_logs
WHERE cardinality(resources_arn) > 0
