-- SSM parameters read with decryption: the path's first two levels (split_part), the withDecryption flag cast from JSON, readers
SELECT split_part(json_extract_scalar(requestparameters, '$.name'), '/', 2) AS env,
       split_part(json_extract_scalar(requestparameters, '$.name'), '/', 3) AS app,
       CAST(json_extract(requestparameters, '$.withDecryption') AS boolean) AS decrypt,
       count(*) AS n, count(DISTINCT useridentity.arn) AS readers,
       array_agg(DISTINCT element_at(split(json_extract_scalar(requestparameters, '$.name'), '/'), -1) ORDER BY element_at(split(json_extract_scalar(requestparameters, '$.name'), '/'), -1)) AS leaves
FROM cloudtrail_logs
WHERE eventname = 'GetParameter'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
/* duckdb:
SELECT split_part(json_extract_scalar(requestparameters, '$.name'), '/', 2) AS env,
       split_part(json_extract_scalar(requestparameters, '$.name'), '/', 3) AS app,
       CAST(json_extract_scalar(requestparameters, '$.withDecryption') AS boolean) AS decrypt,
       count(*) AS n, count(DISTINCT useridentity.arn) AS readers,
       array_agg(DISTINCT element_at(string_split(json_extract_scalar(requestparameters, '$.name'), '/'), -1) ORDER BY element_at(string_split(json_extract_scalar(requestparameters, '$.name'), '/'), -1)) AS leaves
FROM cloudtrail_logs
WHERE eventname = 'GetParameter'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
*/
