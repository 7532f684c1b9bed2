-- ORDER BY text compares code points: upper before lower, '_' and digits, unicode last
SELECT DISTINCT eventname
FROM cloudtrail_logs
ORDER BY eventname
