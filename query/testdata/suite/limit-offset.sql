-- LIMIT with OFFSET over a total order
SELECT eventid, eventname
FROM cloudtrail_logs
WHERE date = '2026-01-02'
ORDER BY eventid
OFFSET 20
LIMIT 10
