-- format_datetime with one-letter Joda fields: unpadded day, hour, month and day of year, short weekday
SELECT eventid, format_datetime(eventtime, 'E d MMM yyyy, H:mm') AS label, format_datetime(eventtime, 'D') AS day_of_year,
       format_datetime(eventtime, 'M/d h a') AS us_style
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT eventid, strftime(eventtime, '%a %-d %b %Y, %-H:%M') AS label, strftime(eventtime, '%-j') AS day_of_year,
       strftime(eventtime, '%-m/%-d %-I %p') AS us_style
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
