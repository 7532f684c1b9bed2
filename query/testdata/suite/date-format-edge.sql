-- date_format with %i, %s, %T, %M and %W
SELECT eventid, date_format(eventtime, '%Y-%m-%dT%H:%i:%s') AS iso, date_format(eventtime, '%T') AS t,
       date_format(eventtime, '%M %W') AS names
FROM cloudtrail_logs
WHERE account = '123456789012'
