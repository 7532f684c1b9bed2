-- EXTRACT and the field functions on edge times: the last millisecond of a day, an offset time read as UTC, a time without a zone
SELECT eventid, extract(YEAR FROM eventtime) AS y, extract(QUARTER FROM eventtime) AS q, extract(MONTH FROM eventtime) AS mo,
       extract(WEEK FROM eventtime) AS wk, extract(DAY FROM eventtime) AS d, extract(DOW FROM eventtime) AS dow, extract(DOY FROM eventtime) AS doy,
       extract(HOUR FROM eventtime) AS h, extract(MINUTE FROM eventtime) AS mi, extract(SECOND FROM eventtime) AS s,
       millisecond(eventtime) AS ms, day_of_month(eventtime) AS dom, day_of_year(eventtime) AS doy2, dow(eventtime) AS dow2
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT eventid, extract(YEAR FROM eventtime) AS y, extract(QUARTER FROM eventtime) AS q, extract(MONTH FROM eventtime) AS mo,
       weekofyear(eventtime) AS wk, extract(DAY FROM eventtime) AS d, isodow(eventtime) AS dow, dayofyear(eventtime) AS doy,
       extract(HOUR FROM eventtime) AS h, extract(MINUTE FROM eventtime) AS mi, CAST(floor(extract(SECOND FROM eventtime)) AS BIGINT) AS s,
       extract(MILLISECONDS FROM eventtime) % 1000 AS ms, dayofmonth(eventtime) AS dom, dayofyear(eventtime) AS doy2, isodow(eventtime) AS dow2
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
