-- date_parse of STS's "Jan 2, 2026, 3:04:05 PM" credential expiration: session length in minutes
SELECT date_diff('minute', eventtime,
         date_parse(json_extract_scalar(responseelements, '$.credentials.expiration'), '%b %e, %Y, %l:%i:%s %p')) AS minutes,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole' AND errorcode IS NULL
GROUP BY 1
/* duckdb:
SELECT date_diff('minute', eventtime,
         strptime(json_extract_scalar(responseelements, '$.credentials.expiration'), '%b %-d, %Y, %-I:%M:%S %p')) AS minutes,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole' AND errorcode IS NULL
GROUP BY 1
*/
