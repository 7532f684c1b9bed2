-- CAST(eventtime AS TIMESTAMP(0)) rounds half up, so 23:59:59.999 becomes the next day's midnight, and its date moves with it
SELECT eventid, CAST(eventtime AS TIMESTAMP(0)) AS whole_seconds,
  CAST(CAST(eventtime AS TIMESTAMP(0)) AS DATE) AS day_after_rounding, CAST(eventtime AS DATE) AS day
FROM cloudtrail_logs
WHERE eventid IN ('edge-0003', 'edge-0007')
ORDER BY eventid
/* duckdb:
SELECT * FROM (VALUES ('edge-0003', TIMESTAMP '2026-01-02 10:00:00', DATE '2026-01-02', DATE '2026-01-02'),
                      ('edge-0007', TIMESTAMP '2026-01-03 00:00:00', DATE '2026-01-03', DATE '2026-01-02'))
  AS t(eventid, whole_seconds, day_after_rounding, day)
ORDER BY eventid
*/
