-- EXTRACT of year, month, day, hour, minute, second, quarter, day_of_year and year_of_week
SELECT eventid, extract(YEAR FROM eventtime) AS y, extract(MONTH FROM eventtime) AS mo, extract(DAY FROM eventtime) AS d,
       extract(HOUR FROM eventtime) AS h, extract(MINUTE FROM eventtime) AS mi, extract(SECOND FROM eventtime) AS s,
       extract(QUARTER FROM eventtime) AS q, extract(DOY FROM eventtime) AS doy, extract(YOW FROM eventtime) AS yow,
       millisecond(eventtime) AS ms
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT eventid, year(eventtime) AS y, month(eventtime) AS mo, day(eventtime) AS d,
       hour(eventtime) AS h, minute(eventtime) AS mi, second(eventtime) AS s,
       quarter(eventtime) AS q, dayofyear(eventtime) AS doy, isoyear(eventtime) AS yow,
       millisecond(eventtime) % 1000 AS ms
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
