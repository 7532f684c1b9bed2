-- TRY_CAST of request values to DOUBLE, BOOLEAN, DATE and BIGINT; NULL where they do not convert
SELECT eventid,
       try_cast(json_extract_scalar(requestparameters, '$.ratio') AS DOUBLE) AS ratio,
       try_cast(json_extract_scalar(requestparameters, '$.flag') AS BOOLEAN) AS flag,
       try_cast(json_extract_scalar(requestparameters, '$.bucketName') AS BIGINT) AS not_a_number,
       try_cast(substr(json_extract_scalar(requestparameters, '$.key'), 1, 1) AS INTEGER) AS first_char,
       try_cast('2026-02-30' AS DATE) AS bad_date, try_cast('2026-01-02' AS DATE) AS good_date,
       try_cast(json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS INTEGER) * 24 AS hours
FROM cloudtrail_logs
WHERE eventid IN ('edge-0003', 'edge-0007')
