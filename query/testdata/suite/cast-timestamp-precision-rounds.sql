-- CAST to TIMESTAMP(0) drops the milliseconds by rounding (Trino rounds half up when lowering precision)
SELECT CAST(TIMESTAMP '2026-01-02 10:00:00.789' AS TIMESTAMP(0)) AS up, CAST(TIMESTAMP '2026-01-02 10:00:00.123' AS TIMESTAMP(0)) AS down
/* duckdb:
SELECT TIMESTAMP '2026-01-02 10:00:01' AS up, TIMESTAMP '2026-01-02 10:00:00' AS down
*/
