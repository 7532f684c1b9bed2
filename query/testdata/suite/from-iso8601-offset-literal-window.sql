-- an incident window given in the responder's local time (from_iso8601_timestamp with +09:00 and -05:00 offsets): write calls per principal type
SELECT useridentity.type AS principal_type, eventname, count(*) AS n, min(eventtime) AS first_seen
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2026-01-02T18:30:00+09:00')
  AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp('2026-01-02T05:00:00-05:00')
  AND readonly = 'false'
GROUP BY 1, 2
ORDER BY 1 NULLS FIRST, n DESC, 2
/* duckdb:
SELECT useridentity.type AS principal_type, eventname, count(*) AS n, min(eventtime) AS first_seen
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMPTZ '2026-01-02 09:30:00+00'
  AND eventtime < TIMESTAMPTZ '2026-01-02 10:00:00+00'
  AND readonly = false
GROUP BY 1, 2
ORDER BY 1 NULLS FIRST, n DESC, 2
*/
