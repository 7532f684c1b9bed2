-- the last two days by partition, computed from current_date with date_format and date_add
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date >= date_format(date_add('day', -2, current_date), '%Y-%m-%d')
  AND date < CAST(current_date AS VARCHAR)
GROUP BY date
/* duckdb:
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date >= '2026-01-02' AND date < '2026-01-04'
GROUP BY date
*/
