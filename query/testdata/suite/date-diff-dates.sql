-- date_diff between DATE values (partition strings cast to DATE) and current_date
SELECT date, date_diff('day', CAST(date AS DATE), current_date) AS age_days,
       date_diff('week', DATE '2025-12-01', CAST(date AS DATE)) AS weeks_since_dec,
       date_diff('month', DATE '2025-12-31', CAST(date AS DATE)) AS months,
       count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL
GROUP BY date
/* duckdb:
SELECT date, date_diff('day', CAST(date AS DATE), DATE '2026-01-04') AS age_days,
       date_diff('week', DATE '2025-12-01', CAST(date AS DATE)) AS weeks_since_dec,
       date_diff('month', DATE '2025-12-31', CAST(date AS DATE)) AS months,
       count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL
GROUP BY date
*/
