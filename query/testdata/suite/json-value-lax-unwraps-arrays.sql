-- lax mode unwraps arrays under a member accessor: instancesSet.items.instanceId reads the one item's id (two items would be an error, so NULL); [*] does the same
SELECT eventname,
  json_value(requestparameters, 'lax $.instancesSet.items.instanceType') AS no_such_member,
  count(json_value(requestparameters, 'lax $.instancesSet.items.instanceId')) AS ids_unwrapped,
  count(json_value(requestparameters, 'lax $.instancesSet.items[*].imageId')) AS images_wildcard,
  count(json_value(requestparameters, 'lax $.instancesSet.items[0].imageId')) AS images_subscript,
  count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
GROUP BY 1, 2
/* duckdb:
SELECT eventname,
  CAST(NULL AS VARCHAR) AS no_such_member,
  count(CASE WHEN system.main.json_array_length(requestparameters, '$.instancesSet.items') = 1 THEN json_extract_scalar(requestparameters, '$.instancesSet.items[0].instanceId') END) AS ids_unwrapped,
  count(CASE WHEN system.main.json_array_length(requestparameters, '$.instancesSet.items') = 1 THEN json_extract_scalar(requestparameters, '$.instancesSet.items[0].imageId') END) AS images_wildcard,
  count(json_extract_scalar(requestparameters, '$.instancesSet.items[0].imageId')) AS images_subscript,
  count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
GROUP BY 1, 2
*/
