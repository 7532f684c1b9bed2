-- last_day_of_month of each event day, and days left in its month
SELECT date(eventtime) AS d, last_day_of_month(eventtime) AS month_end,
       date_diff('day', date(eventtime), last_day_of_month(eventtime)) AS days_left, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1, 2, 3
/* duckdb:
SELECT CAST(eventtime AS DATE) AS d, last_day(eventtime) AS month_end,
       date_diff('day', CAST(eventtime AS DATE), last_day(eventtime)) AS days_left, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1, 2, 3
*/
