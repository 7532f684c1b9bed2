-- INTERVAL YEAR/MONTH added to timestamps and dates, chained intervals, fractional seconds
SELECT TIMESTAMP '2026-01-31 10:00:00' + INTERVAL '1' MONTH AS plus_month,
       DATE '2026-01-02' - INTERVAL '1' YEAR AS minus_year,
       TIMESTAMP '2026-01-02 10:00:00' + INTERVAL '1' DAY + INTERVAL '30' MINUTE AS day_and_half_hour,
       DATE '2026-01-02' + INTERVAL '2' DAY AS date_plus_days,
       TIMESTAMP '2026-01-02 10:00:00' - INTERVAL '0.5' SECOND AS half_second,
       INTERVAL '1' DAY > INTERVAL '23' HOUR AS day_longer
/* duckdb:
SELECT TIMESTAMP '2026-02-28 10:00:00' AS plus_month, DATE '2025-01-02' AS minus_year,
       TIMESTAMP '2026-01-03 10:30:00' AS day_and_half_hour, DATE '2026-01-04' AS date_plus_days,
       TIMESTAMP '2026-01-02 09:59:59.5' AS half_second, true AS day_longer
*/
