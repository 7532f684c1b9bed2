-- zip of parallel arrays then UNNEST: resource ARNs beside their types, padded with NULL where the second list is shorter (here: the types of the first two resources only)
SELECT eventsource, count(*) AS pairs, count(t) AS typed, count(DISTINCT t) AS types, max(a) AS max_arn
FROM cloudtrail_logs
CROSS JOIN UNNEST(zip(transform(resources, r -> r.arn), slice(transform(resources, r -> r.type), 1, 2))) AS z(a, t)
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
WITH e AS (
  SELECT eventsource, list_transform(resources, r -> r.arn) AS arns, list_transform(resources, r -> r.type)[1:2] AS types
  FROM cloudtrail_logs
)
SELECT eventsource, count(*) AS pairs, count(t) AS typed, count(DISTINCT t) AS types, max(a) AS max_arn
FROM e, LATERAL (SELECT arns[i] AS a, types[i] AS t FROM range(1, greatest(len(arns), len(types)) + 1) AS g(i))
GROUP BY eventsource
ORDER BY eventsource
*/
