-- json_array_length over generated ec2 requests
SELECT json_array_length(json_extract(requestparameters, '$.instancesSet.items')) AS items, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'ec2.amazonaws.com'
GROUP BY 1
