-- a scalar subquery that finds no row is NULL, and arithmetic and comparisons with it are NULL too
SELECT eventid,
       (SELECT max(eventtime) FROM cloudtrail_logs WHERE eventname = 'NoSuchCall') AS none,
       (SELECT min(eventid) FROM cloudtrail_logs WHERE eventid > 'edge-0007') AS next_after_last,
       (SELECT count(*) FROM cloudtrail_logs WHERE eventname = 'NoSuchCall') + 1 AS count_plus_one,
       length(eventid) + (SELECT sum(1) FROM cloudtrail_logs WHERE eventname = 'NoSuchCall') AS null_sum
FROM cloudtrail_logs
WHERE eventid IN ('edge-0001', 'edge-0007')
ORDER BY eventid
