-- from_unixtime of an integer epoch and of milliseconds / 1000; to_unixtime as whole seconds
SELECT from_unixtime(1767312000) AS jan2, from_unixtime(1767312000123 / 1000.0) AS with_ms,
       CAST(to_unixtime(TIMESTAMP '2026-01-02 10:00:00.123') AS BIGINT) AS secs,
       CAST(to_unixtime(TIMESTAMP '2026-01-02 10:00:00.123') * 1000 AS BIGINT) AS millis
/* duckdb:
SELECT TIMESTAMPTZ '2026-01-02 00:00:00+00' AS jan2, TIMESTAMPTZ '2026-01-02 00:00:00.123+00' AS with_ms,
       CAST(1767348000 AS BIGINT) AS secs, CAST(1767348000123 AS BIGINT) AS millis
*/
