-- one access key over the whole lake
SELECT eventid, eventname, eventtime, errorcode
FROM cloudtrail_logs
WHERE useridentity.accesskeyid = 'AKIAEDGEEDGEEDGE0001'
