-- SELECT DISTINCT on several columns, a boolean with NULLs among them
SELECT DISTINCT eventsource, eventname, readonly
FROM cloudtrail_logs
