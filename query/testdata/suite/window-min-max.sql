-- min() and max() OVER a partition: each principal's first and last call
SELECT DISTINCT useridentity.arn AS arn,
       min(eventtime) OVER (PARTITION BY useridentity.arn) AS first_seen,
       max(eventtime) OVER (PARTITION BY useridentity.arn) AS last_seen
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser'
