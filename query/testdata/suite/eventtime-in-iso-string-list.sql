-- the Athena string idiom eventtime IN ('...Z', ...) for exact instants taken from an alert, milliseconds and the offset-written event included
SELECT eventid, eventname, eventtime, sourceipaddress
FROM cloudtrail_logs
WHERE eventtime IN ('2026-01-02T03:04:05Z', '2026-01-02T10:00:00.123Z', '2026-01-02T21:00:00Z', '2026-01-02T23:59:59Z')
ORDER BY eventtime, eventid
/* duckdb:
SELECT eventid, eventname, eventtime, sourceipaddress
FROM cloudtrail_logs
WHERE eventtime IN (TIMESTAMPTZ '2026-01-02 03:04:05+00', TIMESTAMPTZ '2026-01-02 10:00:00.123+00', TIMESTAMPTZ '2026-01-02 21:00:00+00', TIMESTAMPTZ '2026-01-02 23:59:59+00')
ORDER BY eventtime, eventid
*/
