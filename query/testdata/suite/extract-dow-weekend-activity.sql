-- EXTRACT(DOW ...) (ISO: Monday 1 .. Sunday 7): write calls on weekends
SELECT extract(DOW FROM eventtime) AS dow, count(*) AS writes
FROM cloudtrail_logs
WHERE readonly = false AND extract(DOW FROM eventtime) IN (6, 7)
GROUP BY 1
/* duckdb:
SELECT isodow(eventtime) AS dow, count(*) AS writes
FROM cloudtrail_logs
WHERE readonly = false AND isodow(eventtime) IN (6, 7)
GROUP BY 1
*/
