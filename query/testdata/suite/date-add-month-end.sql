-- date_add by months clamps to the month's last day; negative amounts go back
SELECT date_add('month', 1, DATE '2026-01-31') AS feb_end,
       date_add('month', -2, TIMESTAMP '2026-01-02 23:59:59.999') AS two_months_back,
       date_add('year', 1, DATE '2024-02-29') AS leap,
       date_add('week', -1, DATE '2026-01-03') AS week_before,
       date_add('minute', 90, TIMESTAMP '2026-01-02 23:00:00') AS plus_90m,
       date_add('quarter', 1, DATE '2025-11-30') AS next_quarter
/* duckdb:
SELECT DATE '2026-02-28' AS feb_end, TIMESTAMP '2025-11-02 23:59:59.999' AS two_months_back, DATE '2025-02-28' AS leap,
       DATE '2025-12-27' AS week_before, TIMESTAMP '2026-01-03 00:30:00' AS plus_90m, DATE '2026-02-28' AS next_quarter
*/
