-- format_datetime with Joda patterns: weekday and month names, a 12-hour clock, a quoted literal and milliseconds
SELECT eventid, format_datetime(eventtime, 'EEE, dd MMM yyyy') AS day, format_datetime(eventtime, 'hh:mm:ss a') AS clock,
       format_datetime(eventtime, 'yyyy-MM-dd''T''HH:mm:ss.SSS') AS iso_ms
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT eventid, strftime(eventtime, '%a, %d %b %Y') AS day, strftime(eventtime, '%I:%M:%S %p') AS clock,
       strftime(eventtime, '%Y-%m-%dT%H:%M:%S.%g') AS iso_ms
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
