-- try() and try_cast() turn failing rows into NULL inside coalesce chains: JSON numbers and text that does not convert
SELECT eventid,
       coalesce(try_cast(json_extract_scalar(requestparameters, '$.n') AS BIGINT), try_cast(json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS BIGINT), -1) AS num,
       try(CAST(json_extract_scalar(requestparameters, '$.bucketName') AS BIGINT)) AS bad_bigint,
       try(10 / (length(coalesce(errorcode, 'x')) - 1)) AS div_or_null,
       try_cast(readonly AS VARCHAR) AS ro_text,
       try_cast(eventversion AS DOUBLE) AS version
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT eventid,
       coalesce(try_cast(json_extract_scalar(requestparameters, '$.n') AS BIGINT), try_cast(json_extract_scalar(requestparameters, '$.pendingWindowInDays') AS BIGINT), -1) AS num,
       try_cast(json_extract_scalar(requestparameters, '$.bucketName') AS BIGINT) AS bad_bigint,
       CASE WHEN length(coalesce(errorcode, 'x')) - 1 <> 0 THEN CAST(trunc(10 / (length(coalesce(errorcode, 'x')) - 1)) AS BIGINT) END AS div_or_null,
       try_cast(readonly AS VARCHAR) AS ro_text,
       try_cast(eventversion AS DOUBLE) AS version
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
