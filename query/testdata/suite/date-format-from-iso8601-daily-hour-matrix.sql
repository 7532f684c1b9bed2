-- console sign-ins as a day x hour matrix with date_format(from_iso8601_timestamp(eventtime), ...) labels and a running count per day
SELECT date_format(from_iso8601_timestamp(eventtime), '%Y-%m-%d') AS day,
       date_format(from_iso8601_timestamp(eventtime), '%H:00') AS hour_label,
       count(*) AS signins,
       sum(count(*)) OVER (PARTITION BY date_format(from_iso8601_timestamp(eventtime), '%Y-%m-%d')
                           ORDER BY date_format(from_iso8601_timestamp(eventtime), '%H:00')) AS running
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1, 2
ORDER BY 1, 2
