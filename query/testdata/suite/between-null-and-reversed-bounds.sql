-- BETWEEN with a NULL bound is NULL unless the other bound already decides it; reversed bounds match nothing, and NOT BETWEEN then matches all
SELECT eventid, length(eventname) AS len,
       length(eventname) BETWEEN 10 AND 5 AS reversed, length(eventname) NOT BETWEEN 10 AND 5 AS not_reversed,
       length(eventname) BETWEEN length(errorcode) AND 15 AS null_low, length(eventname) BETWEEN 1 AND length(errorcode) AS null_high,
       eventtime BETWEEN TIMESTAMP '2026-01-02 00:00:00' AND TIMESTAMP '2026-01-02 23:59:59.999' AS in_day2
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
