-- subqueries over UNNEST of the outer row's resources: EXISTS / NOT EXISTS on a resource type, and per event the count of S3 resources, resources owned by another account than the recipient, and the greatest such ARN
SELECT eventsource,
       count_if(EXISTS (SELECT 1 FROM UNNEST(c.resources) AS t(r) WHERE r.type = 'AWS::S3::Object')) AS with_object,
       count_if(NOT EXISTS (SELECT 1 FROM UNNEST(c.resources) AS t(arn, accountid, type) WHERE type LIKE 'AWS::S3::%')) AS without_s3,
       sum((SELECT count(*) FROM UNNEST(resources) AS t(r) WHERE r.type LIKE 'AWS::S3::%')) AS s3_resources,
       sum((SELECT count(accountid) FROM UNNEST(resources) AS t(arn, accountid, type) WHERE accountid <> c.recipientaccountid)) AS foreign_owned,
       max((SELECT max(arn) FROM UNNEST(resources) AS t(arn, accountid, type) WHERE type IS NOT NULL)) AS max_arn,
       sum((SELECT count_if(r.accountid IS NULL) FROM UNNEST(resources) AS t(r))) AS no_owner
FROM cloudtrail_logs c
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
SELECT eventsource,
       count_if(EXISTS (SELECT 1 FROM (SELECT unnest(c.resources) AS r) WHERE r.type = 'AWS::S3::Object')) AS with_object,
       count_if(NOT EXISTS (SELECT 1 FROM (SELECT unnest(c.resources) AS r) WHERE r.type LIKE 'AWS::S3::%')) AS without_s3,
       sum((SELECT count(*) FROM (SELECT unnest(c.resources) AS r) WHERE r.type LIKE 'AWS::S3::%')) AS s3_resources,
       sum((SELECT count(r.accountid) FROM (SELECT unnest(c.resources) AS r) WHERE r.accountid <> c.recipientaccountid)) AS foreign_owned,
       max((SELECT max(r.arn) FROM (SELECT unnest(c.resources) AS r) WHERE r.type IS NOT NULL)) AS max_arn,
       sum((SELECT count(*) FILTER (WHERE r.accountid IS NULL) FROM (SELECT unnest(c.resources) AS r))) AS no_owner
FROM cloudtrail_logs c
GROUP BY eventsource
ORDER BY eventsource
*/
