-- date_parse with month names (%M, %b) and day of year (%j)
SELECT date_parse('January 2 2026', '%M %e %Y') AS month_name,
       date_parse('Jan 02 2026', '%b %d %Y') AS month_abbrev,
       date_parse('2026-002', '%Y-%j') AS day_of_year
/* duckdb:
SELECT TIMESTAMP '2026-01-02 00:00:00' AS month_name, TIMESTAMP '2026-01-02 00:00:00' AS month_abbrev,
       TIMESTAMP '2026-01-02 00:00:00' AS day_of_year
*/
