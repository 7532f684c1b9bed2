-- number * INTERVAL in every form: bigint on either side, a negative factor, a fraction, division, and a year-month interval on a date
SELECT TIMESTAMP '2026-01-02 00:00:00' + 3 * INTERVAL '1' HOUR AS three_hours,
  TIMESTAMP '2026-01-02 00:00:00' + INTERVAL '1' DAY * 2 AS two_days,
  TIMESTAMP '2026-01-02 00:00:00' + (-2) * INTERVAL '30' MINUTE AS minus_hour,
  TIMESTAMP '2026-01-02 00:00:00' + INTERVAL '1' HOUR * 1.5 AS ninety_minutes,
  TIMESTAMP '2026-01-02 00:00:00' - INTERVAL '90' MINUTE / 2 AS minus_45m,
  DATE '2026-01-31' + INTERVAL '1' MONTH * 2 AS two_months_later
/* duckdb:
SELECT TIMESTAMP '2026-01-02 03:00:00' AS three_hours, TIMESTAMP '2026-01-04 00:00:00' AS two_days,
  TIMESTAMP '2026-01-01 23:00:00' AS minus_hour, TIMESTAMP '2026-01-02 01:30:00' AS ninety_minutes,
  TIMESTAMP '2026-01-01 23:15:00' AS minus_45m, DATE '2026-03-31' AS two_months_later
*/
