-- Athena's eventtime is text: a UNION ALL with text timestamps from a watch list
SELECT eventid, eventtime FROM cloudtrail_logs WHERE eventid IN ('edge-0002', 'edge-0007')
UNION ALL
SELECT 'manual', '2026-01-02T12:00:00Z'
/* duckdb:
SELECT eventid, CASE WHEN epoch_ms(eventtime) % 1000 = 0 THEN strftime(eventtime, '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(eventtime, '%Y-%m-%dT%H:%M:%S.%gZ') END AS eventtime FROM cloudtrail_logs WHERE eventid IN ('edge-0002', 'edge-0007')
UNION ALL
SELECT 'manual', '2026-01-02T12:00:00Z'
*/
