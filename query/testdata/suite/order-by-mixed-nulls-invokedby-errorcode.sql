-- the edge account's and a service's calls, sorted with mixed NULL orders: invokedBy NULLS FIRST, errorCode DESC NULLS LAST, then eventid
SELECT eventid, useridentity.invokedby AS invoked_by, errorcode, eventname
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
   OR (eventname = 'CreateUser' AND useridentity.type = 'AWSService')
ORDER BY invoked_by NULLS FIRST, errorcode DESC NULLS LAST, eventid
