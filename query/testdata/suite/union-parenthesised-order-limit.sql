-- parenthesised branches each with their own ORDER BY/LIMIT, then an outer ORDER BY
(SELECT 'first' AS which, eventid, eventtime FROM cloudtrail_logs WHERE eventtime IS NOT NULL ORDER BY eventtime, eventid LIMIT 3)
UNION ALL
(SELECT 'last' AS which, eventid, eventtime FROM cloudtrail_logs WHERE eventtime IS NOT NULL ORDER BY eventtime DESC, eventid DESC LIMIT 3)
ORDER BY which, eventtime, eventid
