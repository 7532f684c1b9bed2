-- STS credentials still valid at the end of the lake (date_add of durationSeconds to the AssumeRole time, compared to current_timestamp minus a day)
SELECT json_extract_scalar(requestparameters, '$.roleArn') AS role_arn,
       count(*) AS issued,
       max(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime)) AS last_expiry,
       count_if(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime) > current_timestamp - INTERVAL '1' DAY) AS valid_late
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole' AND errorcode IS NULL AND account = '087463005387'
GROUP BY 1
HAVING count_if(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime) > current_timestamp - INTERVAL '1' DAY) > 0
ORDER BY valid_late DESC, role_arn
/* duckdb:
SELECT json_extract_scalar(requestparameters, '$.roleArn') AS role_arn,
       count(*) AS issued,
       max(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime)) AS last_expiry,
       count_if(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime) > TIMESTAMPTZ '2026-01-04 00:00:00+00' - INTERVAL '1' DAY) AS valid_late
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole' AND errorcode IS NULL AND account = '087463005387'
GROUP BY 1
HAVING count_if(date_add('second', CAST(json_extract_scalar(requestparameters, '$.durationSeconds') AS bigint), eventtime) > TIMESTAMPTZ '2026-01-04 00:00:00+00' - INTERVAL '1' DAY) > 0
ORDER BY valid_late DESC, role_arn
*/
