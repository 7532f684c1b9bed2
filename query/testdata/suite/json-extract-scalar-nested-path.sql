-- json_extract_scalar with nested keys and array indexes
SELECT json_extract_scalar(requestparameters, '$.filterSet.items[0].valueSet.items[0].value') AS env,
       json_extract_scalar(requestparameters, '$.instancesSet.items[0].instanceId') IS NOT NULL AS by_id,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'DescribeInstances'
GROUP BY 1, 2
