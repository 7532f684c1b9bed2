-- json_extract_scalar on serviceeventdetails
SELECT eventname, json_extract_scalar(serviceeventdetails, '$.eventTypeCode') AS code,
       json_extract(serviceeventdetails, '$.affected') AS affected
FROM cloudtrail_logs
WHERE serviceeventdetails IS NOT NULL
