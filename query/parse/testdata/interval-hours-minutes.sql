SELECT eventname
FROM cloudtrail_logs
WHERE eventtime BETWEEN current_timestamp - INTERVAL '2' HOUR AND current_timestamp + INTERVAL '30' MINUTE
   OR eventtime > localtimestamp - INTERVAL '1' DAY
