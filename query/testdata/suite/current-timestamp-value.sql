-- current_timestamp, now() and current_date are the engine clock
SELECT current_timestamp AS ts, now() AS n, current_date AS d
/* duckdb:
SELECT TIMESTAMPTZ '2026-01-04 00:00:00+00' AS ts, TIMESTAMPTZ '2026-01-04 00:00:00+00' AS n, DATE '2026-01-04' AS d
*/
