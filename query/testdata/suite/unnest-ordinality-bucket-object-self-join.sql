-- S3 objects per bucket: UNNEST(resources) WITH ORDINALITY (1 = the object, 2 = the bucket) joined to itself on the event, top-level prefixes by split_part
WITH res AS (
  SELECT eventid, account, eventname, i, r.type AS rtype, r.arn AS rarn
  FROM cloudtrail_logs
  CROSS JOIN UNNEST(resources) WITH ORDINALITY AS t(r, i)
  WHERE eventname IN ('PutObject', 'GetObject')
)
SELECT b.rarn AS bucket, o.eventname, count(*) AS n,
       count(DISTINCT split_part(substr(o.rarn, length(b.rarn) + 2), '/', 1)) AS top_prefixes,
       min(element_at(split(o.rarn, '/'), -1)) AS first_file
FROM res AS o
JOIN res AS b ON o.eventid = b.eventid AND o.account = b.account AND b.i = 2 AND o.i = 1
WHERE o.rtype = 'AWS::S3::Object' AND b.rtype = 'AWS::S3::Bucket'
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
WITH res AS (
  SELECT eventid, account, eventname, i, r.type AS rtype, r.arn AS rarn
  FROM cloudtrail_logs
  CROSS JOIN UNNEST(resources) WITH ORDINALITY AS t(r, i)
  WHERE eventname IN ('PutObject', 'GetObject')
)
SELECT b.rarn AS bucket, o.eventname, count(*) AS n,
       count(DISTINCT split_part(substr(o.rarn, length(b.rarn) + 2), '/', 1)) AS top_prefixes,
       min(element_at(string_split(o.rarn, '/'), -1)) AS first_file
FROM res AS o
JOIN res AS b ON o.eventid = b.eventid AND o.account = b.account AND b.i = 2 AND o.i = 1
WHERE o.rtype = 'AWS::S3::Object' AND b.rtype = 'AWS::S3::Bucket'
GROUP BY 1, 2
ORDER BY 1, 2
*/
