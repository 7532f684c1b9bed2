-- ORDER BY with NULLS FIRST on one key and DESC on another, then OFFSET without LIMIT
SELECT eventid, errorcode, eventtime
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
ORDER BY errorcode NULLS FIRST, eventtime DESC NULLS FIRST, eventid
OFFSET 2
