-- date_add with Trino's (unit, value, timestamp) order
SELECT eventid, date_add('hour', 2, eventtime) AS plus2h, date_add('day', -1, eventtime) AS minus1d,
       date_add('minute', 30, eventtime) AS plus30m, date_add('second', 1, eventtime) AS plus1s,
       date_add('month', 1, eventtime) AS plus1mo
FROM cloudtrail_logs
WHERE account = '123456789012'
