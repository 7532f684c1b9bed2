-- trim of given characters: ltrim/rtrim with a set and TRIM(BOTH ... FROM ...)
SELECT trim(BOTH '/' FROM json_extract_scalar(requestparameters, '$.logGroupName')) AS group_path,
       ltrim(json_extract_scalar(requestparameters, '$.logGroupName'), '/') AS no_lead,
       rtrim(eventsource, '.amazonsc') AS src,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'DescribeLogGroups' AND account = '256224797377'
GROUP BY 1, 2, 3
/* duckdb:
SELECT trim(json_extract_scalar(requestparameters, '$.logGroupName'), '/') AS group_path,
       ltrim(json_extract_scalar(requestparameters, '$.logGroupName'), '/') AS no_lead,
       rtrim(eventsource, '.amazonsc') AS src,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'DescribeLogGroups' AND account = '256224797377'
GROUP BY 1, 2, 3
*/
