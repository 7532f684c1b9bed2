-- the rolling partition filter Athena users write: date >= date_format(current_date - INTERVAL '2' DAY, '%Y-%m-%d')
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date >= date_format(current_date - INTERVAL '2' DAY, '%Y-%m-%d')
  AND account IN ('087463005387', '256224797377')
GROUP BY date
/* duckdb:
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date >= '2026-01-02'
  AND account IN ('087463005387', '256224797377')
GROUP BY date
*/
