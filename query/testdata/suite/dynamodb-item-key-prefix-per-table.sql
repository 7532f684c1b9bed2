-- DynamoDB GetItem by table and item key prefix (the "pk" attribute's S value up to '#', split_part), readers and denials
SELECT json_extract_scalar(requestparameters, '$.tableName') AS table_name,
       split_part(json_extract_scalar(requestparameters, '$.key.pk.S'), '#', 1) AS key_prefix,
       count(*) AS reads,
       count(DISTINCT json_extract_scalar(requestparameters, '$.key.pk.S')) AS items,
       count(DISTINCT useridentity.arn) AS readers,
       count(*) FILTER (WHERE errorcode IS NOT NULL) AS failed
FROM cloudtrail_logs
WHERE eventname = 'GetItem'
GROUP BY 1, 2
ORDER BY 1, 2
