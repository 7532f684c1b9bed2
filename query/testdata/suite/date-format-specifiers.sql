-- date_format with weekday and month names, day of year, 12-hour time, two-digit year and fractions
SELECT eventid, date_format(eventtime, '%a %b %e') AS short_names, date_format(eventtime, '%W, %M %d') AS long_names,
       date_format(eventtime, '%j') AS doy, date_format(eventtime, '%r') AS twelve_hour, date_format(eventtime, '%y%m%d') AS yymmdd,
       date_format(eventtime, '%H:%i:%s.%f') AS fraction, date_format(eventtime, '%p %l') AS ampm
FROM cloudtrail_logs
WHERE account = '123456789012' AND eventtime IS NOT NULL
/* duckdb:
SELECT eventid, strftime(eventtime, '%a %b %-d') AS short_names, strftime(eventtime, '%A, %B %d') AS long_names,
       strftime(eventtime, '%j') AS doy, strftime(eventtime, '%I:%M:%S %p') AS twelve_hour, strftime(eventtime, '%y%m%d') AS yymmdd,
       strftime(eventtime, '%H:%M:%S.%f') AS fraction, strftime(eventtime, '%p %-I') AS ampm
FROM cloudtrail_logs
WHERE account = '123456789012' AND eventtime IS NOT NULL
*/
