-- CASE: a simple CASE never matches NULL to WHEN NULL, a searched CASE skips NULL conditions, and a missing ELSE gives NULL
SELECT eventid,
       CASE errorcode WHEN NULL THEN 'null-matched' WHEN '' THEN 'empty' WHEN 'AccessDenied' THEN 'denied' ELSE 'other' END AS simple_case,
       CASE WHEN errorcode = '' THEN 'empty' WHEN errorcode IS NULL THEN 'none' WHEN length(errorcode) > 3 THEN 'code' END AS searched,
       CASE WHEN readonly THEN 'read' WHEN NOT readonly THEN 'write' END AS rw
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
