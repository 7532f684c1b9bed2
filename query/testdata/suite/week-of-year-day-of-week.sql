-- week, year_of_week, day_of_week, day_of_year (ISO weeks: 2026-01-01 is in week 1 of 2026)
SELECT week(eventtime) AS wk, year_of_week(eventtime) AS wy, day_of_week(eventtime) AS dow,
       day_of_year(eventtime) AS doy, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1, 2, 3, 4
/* duckdb:
SELECT weekofyear(eventtime) AS wk, isoyear(eventtime) AS wy, isodow(eventtime) AS dow,
       dayofyear(eventtime) AS doy, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1, 2, 3, 4
*/
