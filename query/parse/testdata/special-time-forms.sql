SELECT current_date, current_time, current_timestamp, localtime, localtimestamp, current_timestamp(3),
       now(), current_timezone(), current_user
FROM cloudtrail_logs
LIMIT 1
