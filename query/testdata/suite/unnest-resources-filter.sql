-- filter on the unnested row's field
SELECT eventname, count(*) AS n, count(DISTINCT r.arn) AS objects
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
WHERE r.type = 'AWS::S3::Object'
GROUP BY eventname
