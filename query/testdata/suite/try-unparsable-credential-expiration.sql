-- try(): STS writes credential expirations as "Jan 2, 2026, 3:04:05 PM", which from_iso8601_timestamp rejects; try() makes that NULL
SELECT count(*) AS calls,
       count(json_extract_scalar(responseelements, '$.credentials.expiration')) AS with_expiration,
       count(try(from_iso8601_timestamp(json_extract_scalar(responseelements, '$.credentials.expiration')))) AS iso_parsed
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
/* duckdb:
SELECT count(*) AS calls,
       count(json_extract_scalar(responseelements, '$.credentials.expiration')) AS with_expiration,
       count(TRY_CAST(json_extract_scalar(responseelements, '$.credentials.expiration') AS TIMESTAMPTZ)) AS iso_parsed
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
*/
