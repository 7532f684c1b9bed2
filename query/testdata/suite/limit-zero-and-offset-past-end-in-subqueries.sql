-- LIMIT 0 and an OFFSET past the last row give empty inputs; counting them gives 0, and the union keeps the other side
SELECT (SELECT count(*) FROM (SELECT * FROM cloudtrail_logs LIMIT 0) AS z) AS limit_zero,
       (SELECT count(*) FROM (SELECT eventid FROM cloudtrail_logs ORDER BY eventid OFFSET 70000 ROWS) AS o) AS offset_past_end,
       (SELECT count(*) FROM (SELECT eventid FROM cloudtrail_logs ORDER BY eventid OFFSET 60000 ROWS) AS o) AS offset_near_end,
       (SELECT count(*) FROM ((SELECT eventid FROM cloudtrail_logs LIMIT 0) UNION ALL SELECT eventid FROM cloudtrail_logs WHERE eventid LIKE 'edge-%') AS u) AS union_side
/* duckdb:
SELECT (SELECT count(*) FROM (SELECT * FROM cloudtrail_logs LIMIT 0) AS z) AS limit_zero,
       (SELECT count(*) FROM (SELECT eventid FROM cloudtrail_logs ORDER BY eventid OFFSET 70000) AS o) AS offset_past_end,
       (SELECT count(*) FROM (SELECT eventid FROM cloudtrail_logs ORDER BY eventid OFFSET 60000) AS o) AS offset_near_end,
       (SELECT count(*) FROM ((SELECT eventid FROM cloudtrail_logs LIMIT 0) UNION ALL SELECT eventid FROM cloudtrail_logs WHERE eventid LIKE 'edge-%') AS u) AS union_side
*/
