-- date_diff in every unit from each edge event's time to a fixed instant: partial units are not counted, negative when the end is earlier
SELECT eventid, eventtime,
       date_diff('millisecond', eventtime, TIMESTAMP '2026-01-02 12:00:00') AS ms, date_diff('second', eventtime, TIMESTAMP '2026-01-02 12:00:00') AS s,
       date_diff('minute', eventtime, TIMESTAMP '2026-01-02 12:00:00') AS mi, date_diff('hour', eventtime, TIMESTAMP '2026-01-02 12:00:00') AS h,
       date_diff('day', eventtime, TIMESTAMP '2026-01-02 12:00:00') AS d, date_diff('week', eventtime, TIMESTAMP '2026-02-28 00:00:00') AS w,
       date_diff('month', eventtime, TIMESTAMP '2026-03-02 10:00:00.123') AS mo, date_diff('year', TIMESTAMP '2024-01-02 10:00:00.123', eventtime) AS y
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%' AND eventtime IS NOT NULL
ORDER BY eventid
