-- HAVING without GROUP BY treats the whole input as one group: it keeps or drops that single row
SELECT 'kept' AS which, count(*) AS n, min(eventtime) AS first FROM cloudtrail_logs HAVING count(*) > 1000
UNION ALL
SELECT 'dropped', count(*), min(eventtime) FROM cloudtrail_logs HAVING count(*) > 1000000
UNION ALL
SELECT 'empty input kept', count(*), min(eventtime) FROM cloudtrail_logs WHERE eventid = 'no-such-id' HAVING count(*) = 0
