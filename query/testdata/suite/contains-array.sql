-- contains() on a list column; NULL lists give NULL
SELECT contains(resources_type, 'AWS::S3::Object') AS has_object, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
