-- LIKE ... ESCAPE matches % and _ literally
SELECT eventid, eventname
FROM cloudtrail_logs
WHERE eventname LIKE 'Weird\_Name\%%' ESCAPE '\'
