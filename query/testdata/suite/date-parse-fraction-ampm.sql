-- date_parse with microseconds (kept to milliseconds), 12-hour clocks around noon and midnight, %T and weekday names
SELECT date_parse('2026-01-02 03:04:05.123456', '%Y-%m-%d %H:%i:%s.%f') AS micros,
  date_parse('12/31/2025 11:59 PM', '%m/%d/%Y %h:%i %p') AS before_midnight,
  date_parse('12/31/2025 12:05 AM', '%m/%d/%Y %h:%i %p') AS after_midnight,
  date_parse('01/02/2026 12:30 PM', '%m/%d/%Y %h:%i %p') AS after_noon,
  date_parse('Fri, 02 Jan 2026 10:11:12', '%a, %d %b %Y %T') AS rfc_like
/* duckdb:
SELECT TIMESTAMP '2026-01-02 03:04:05.123' AS micros, TIMESTAMP '2025-12-31 23:59:00' AS before_midnight,
  TIMESTAMP '2025-12-31 00:05:00' AS after_midnight, TIMESTAMP '2026-01-02 12:30:00' AS after_noon,
  TIMESTAMP '2026-01-02 10:11:12' AS rfc_like
*/
