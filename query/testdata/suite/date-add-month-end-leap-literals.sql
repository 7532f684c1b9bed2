-- date_add and INTERVAL arithmetic across month ends and leap days: months clamp to the last day, years from Feb 29 land on Feb 28
SELECT date_add('month', 1, DATE '2024-01-31') AS jan31_plus_month, date_add('month', -1, DATE '2024-03-31') AS mar31_minus_month,
       date_add('month', 12, DATE '2024-02-29') AS leap_plus_12m, date_add('year', 4, DATE '2024-02-29') AS leap_plus_4y,
       DATE '2024-03-31' - INTERVAL '1' MONTH AS minus_interval, TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1' MONTH AS ts_plus_month,
       date_add('day', 1, DATE '2024-02-28') AS leap_day, date_add('day', 1, DATE '2023-02-28') AS no_leap_day,
       date_add('month', 1, date_add('month', 1, DATE '2024-01-31')) AS twice, date_add('month', 2, DATE '2024-01-31') AS once_by_two
/* duckdb:
SELECT DATE '2024-02-29' AS jan31_plus_month, DATE '2024-02-29' AS mar31_minus_month, DATE '2025-02-28' AS leap_plus_12m,
       DATE '2028-02-29' AS leap_plus_4y, DATE '2024-02-29' AS minus_interval, TIMESTAMP '2024-02-29 10:00:00' AS ts_plus_month,
       DATE '2024-02-29' AS leap_day, DATE '2023-03-01' AS no_leap_day, DATE '2024-03-29' AS twice, DATE '2024-03-31' AS once_by_two
*/
