-- JSON_VALUE with RETURNING and a strict path: EC2 instance counts asked for by RunInstances
SELECT json_value(requestparameters, 'strict $.instancesSet.items[0].minCount' RETURNING bigint) AS min_count,
  count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'RunInstances'
GROUP BY 1
ORDER BY 1 NULLS FIRST
/* duckdb:
SELECT TRY_CAST(json_extract_string(requestparameters, '$.instancesSet.items[0].minCount') AS BIGINT) AS min_count,
  count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'RunInstances'
GROUP BY 1
ORDER BY 1 NULLS FIRST
*/
