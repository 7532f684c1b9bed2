-- eventtime against ISO strings with milliseconds (Athena's text comparison idiom) at a sub-second boundary
SELECT eventid, eventtime
FROM cloudtrail_logs
WHERE eventtime > '2026-01-02T10:00:00.100Z' AND eventtime <= '2026-01-02T23:59:59.999Z' AND account = '123456789012'
ORDER BY eventtime, eventid
/* duckdb:
SELECT eventid, eventtime
FROM cloudtrail_logs
WHERE eventtime > TIMESTAMPTZ '2026-01-02 10:00:00.100+00' AND eventtime <= TIMESTAMPTZ '2026-01-02 23:59:59.999+00' AND account = '123456789012'
ORDER BY eventtime, eventid
*/
