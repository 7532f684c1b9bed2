SELECT eventname,
       count(*)
FROM cloudtrail_logs WHERE (errorcode = 'x'
GROUP BY eventname
