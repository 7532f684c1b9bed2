SELECT eventid FROM cloudtrail_logs a
WHERE a.errorcode IS DISTINCT FROM 'AccessDenied' AND a.errormessage IS NOT DISTINCT FROM NULL
