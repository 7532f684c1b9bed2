-- three days before each lake day falls in late December 2025, yet in ISO week 1 of 2026: year, year_of_week, week and date_trunc('week') disagree on the year
SELECT date, CAST(date_add('day', -3, eventtime) AS DATE) AS back3, year(date_add('day', -3, eventtime)) AS y,
       year_of_week(date_add('day', -3, eventtime)) AS yow, week(date_add('day', -3, eventtime)) AS wk,
       extract(YEAR_OF_WEEK FROM date_add('day', -4, eventtime)) AS yow4, week_of_year(date_add('day', -4, eventtime)) AS wk4,
       date_trunc('week', CAST(eventtime AS DATE)) AS week_start, day_of_week(date_add('day', -3, eventtime)) AS dow,
       count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL AND eventtime IS NOT NULL AND CAST(eventtime AS DATE) = CAST(date AS DATE)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ORDER BY 1
/* duckdb:
SELECT date, CAST(eventtime - INTERVAL 3 DAY AS DATE) AS back3, year(eventtime - INTERVAL 3 DAY) AS y,
       yearweek(eventtime - INTERVAL 3 DAY) // 100 AS yow, weekofyear(eventtime - INTERVAL 3 DAY) AS wk,
       isoyear(eventtime - INTERVAL 4 DAY) AS yow4, weekofyear(eventtime - INTERVAL 4 DAY) AS wk4,
       CAST(date_trunc('week', CAST(eventtime AS DATE)) AS DATE) AS week_start, isodow(eventtime - INTERVAL 3 DAY) AS dow,
       count(*) AS n
FROM cloudtrail_logs
WHERE date IS NOT NULL AND eventtime IS NOT NULL AND CAST(eventtime AS DATE) = CAST(date AS DATE)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ORDER BY 1
*/
