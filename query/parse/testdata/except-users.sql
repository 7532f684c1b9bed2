SELECT DISTINCT useridentity_username FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin'
EXCEPT
SELECT DISTINCT useridentity_username FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin' AND useridentity_sessioncontext_attributes_mfaauthenticated = 'true'
