-- date_parse with day-first, two-digit year, 12-hour clock and fraction formats
SELECT date_parse('02/01/2026 17:05', '%d/%m/%Y %H:%i') AS day_first,
       date_parse('26-01-02', '%y-%m-%d') AS two_digit_year,
       date_parse('01/02/2026 05:05:09 PM', '%m/%d/%Y %h:%i:%s %p') AS twelve_hour,
       date_parse('20260102 101112.345', '%Y%m%d %H%i%s.%f') AS fraction,
       date_parse('2026-01-02 10:11', '%Y-%m-%d %k:%i') AS k_hour
/* duckdb:
SELECT TIMESTAMP '2026-01-02 17:05:00' AS day_first, TIMESTAMP '2026-01-02 00:00:00' AS two_digit_year,
       TIMESTAMP '2026-01-02 17:05:09' AS twelve_hour, TIMESTAMP '2026-01-02 10:11:12.345' AS fraction,
       TIMESTAMP '2026-01-02 10:11:00' AS k_hour
*/
