-- VALUES with column aliases joined to a grouped derived table that is itself aliased like the base table
SELECT v.label, cloudtrail_logs.n
FROM (VALUES ('iam.amazonaws.com', 'IAM'), ('s3.amazonaws.com', 'S3'), ('nope.amazonaws.com', 'none')) AS v(src, label)
LEFT JOIN (SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY eventsource) AS cloudtrail_logs
  ON cloudtrail_logs.eventsource = v.src
