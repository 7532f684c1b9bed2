-- Athena's eventtime is text: comparing with a partial ISO prefix ('2026-01-02T12') compares text
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE eventtime > '2026-01-02T12' AND eventtime < '2026-01-02T13'
/* duckdb:
SELECT count(*) AS n
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMPTZ '2026-01-02 12:00:00+00' AND eventtime < TIMESTAMPTZ '2026-01-02 13:00:00+00'
*/
