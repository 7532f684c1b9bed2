-- date_format with %x-W%v: activity per ISO week (week-year and Monday-first week number)
SELECT date_format(eventtime, '%x-W%v') AS iso_week, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1
/* duckdb:
SELECT strftime(eventtime, '%G-W%V') AS iso_week, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1
*/
