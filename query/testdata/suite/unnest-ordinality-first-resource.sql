-- WITH ORDINALITY: each S3 event's first and last resource type by position
SELECT eventname, i, r.type, count(*) AS n
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) WITH ORDINALITY AS t(r, i)
WHERE eventsource = 's3.amazonaws.com' AND (i = 1 OR i = cardinality(resources))
GROUP BY 1, 2, 3
/* duckdb:
SELECT eventname, i, r.type, count(*) AS n
FROM (SELECT eventname, resources, unnest(resources) AS r, unnest(range(1, len(resources) + 1)) AS i FROM cloudtrail_logs
      WHERE eventsource = 's3.amazonaws.com') AS t
WHERE i = 1 OR i = len(resources)
GROUP BY 1, 2, 3
*/
