-- _extra keeps what did not fit: the string readOnly of an edge event
SELECT eventid, readonly, json_extract_scalar(_extra, '$.readOnly') AS raw_readonly,
       json_extract_scalar(_extra, '$.eventTime') AS raw_time
FROM cloudtrail_logs
WHERE eventid IN ('edge-0004', 'edge-0005', 'edge-0003')
