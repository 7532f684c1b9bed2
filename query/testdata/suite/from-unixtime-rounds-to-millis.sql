-- from_unixtime(double) rounds to the nearest millisecond (Trino: Math.round(x * 1000)), as for microsecond epochs
SELECT from_unixtime(1767312000.9996) AS rounds_up, from_unixtime(1767312000.0004) AS rounds_down,
       from_unixtime(1767312000123456 / 1e6) AS from_micros
/* duckdb:
SELECT TIMESTAMPTZ '2026-01-02 00:00:01.000+00' AS rounds_up, TIMESTAMPTZ '2026-01-02 00:00:00.000+00' AS rounds_down,
       TIMESTAMPTZ '2026-01-02 00:00:00.123+00' AS from_micros
*/
