-- date_trunc of DATE values to week, month, quarter and year
SELECT CAST(date AS DATE) AS d, date_trunc('week', CAST(date AS DATE)) AS wk, date_trunc('month', CAST(date AS DATE)) AS mo,
       date_trunc('quarter', CAST(date AS DATE)) AS q, date_trunc('year', CAST(date AS DATE)) AS y, count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
/* duckdb:
SELECT CAST(date AS DATE) AS d, CAST(date_trunc('week', CAST(date AS DATE)) AS DATE) AS wk, CAST(date_trunc('month', CAST(date AS DATE)) AS DATE) AS mo,
       CAST(date_trunc('quarter', CAST(date AS DATE)) AS DATE) AS q, CAST(date_trunc('year', CAST(date AS DATE)) AS DATE) AS y, count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
*/
