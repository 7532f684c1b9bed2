-- date_trunc plus INTERVAL days and hours
SELECT date_trunc('day', eventtime) + INTERVAL '1' DAY AS next_day,
       date_trunc('hour', eventtime) - INTERVAL '2' HOUR AS two_hours_before,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
GROUP BY 1, 2
