-- EC2 calls by how many instances they name (json_array_length of requestParameters.instancesSet.items) and the first instance id
SELECT eventname, json_array_length(json_extract(requestparameters, '$.instancesSet.items')) AS items,
       count(*) AS n,
       min(json_extract_scalar(requestparameters, '$.instancesSet.items[0].instanceId')) AS first_instance,
       count(json_extract_scalar(responseelements, '$.instancesSet.items[0].instanceState.name')) AS with_state
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
GROUP BY 1, 2
ORDER BY 1, 2 NULLS FIRST
