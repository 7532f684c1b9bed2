-- console sign-ins per principal type: successes and failures (sum(CASE) pivot), without MFA (FILTER), with an error message (count_if), distinct IPs
SELECT useridentity.type AS principal_type,
       sum(CASE WHEN json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success' THEN 1 ELSE 0 END) AS ok,
       sum(CASE WHEN json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure' THEN 1 ELSE 0 END) AS failed,
       count(*) FILTER (WHERE json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No') AS no_mfa,
       count_if(errormessage IS NOT NULL) AS with_message,
       approx_distinct(sourceipaddress) AS ips
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1
ORDER BY 1 NULLS FIRST
/* duckdb:
SELECT useridentity.type AS principal_type,
       sum(CASE WHEN json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success' THEN 1 ELSE 0 END) AS ok,
       sum(CASE WHEN json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure' THEN 1 ELSE 0 END) AS failed,
       count(*) FILTER (WHERE json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No') AS no_mfa,
       count_if(errormessage IS NOT NULL) AS with_message,
       count(DISTINCT sourceipaddress) AS ips
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1
ORDER BY 1 NULLS FIRST
*/
