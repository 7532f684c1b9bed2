-- EXCEPT (DISTINCT) returns each remaining row once even if it appears many times on the left
SELECT eventsource, readonly FROM cloudtrail_logs
EXCEPT
SELECT eventsource, readonly FROM cloudtrail_logs WHERE region = 'us-east-1'
