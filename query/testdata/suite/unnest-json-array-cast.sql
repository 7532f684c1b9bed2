-- UNNEST of a JSON array cast to ARRAY(JSON): the instance ids named in EC2 requests
SELECT eventname, count(*) AS items, count(DISTINCT json_extract_scalar(item, '$.instanceId')) AS instances
FROM cloudtrail_logs
CROSS JOIN UNNEST(CAST(json_extract(requestparameters, '$.instancesSet.items') AS ARRAY(JSON))) AS t(item)
WHERE eventsource = 'ec2.amazonaws.com'
GROUP BY 1
/* duckdb:
SELECT eventname, count(*) AS items, count(DISTINCT json_extract_string(item, '$.instanceId')) AS instances
FROM (
  SELECT eventname, unnest(system.main.json_extract(requestparameters, '$.instancesSet.items[*]')) AS item
  FROM cloudtrail_logs
  WHERE eventsource = 'ec2.amazonaws.com'
) AS t
GROUP BY 1
*/
