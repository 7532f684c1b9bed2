-- a derived table that renames columns to the names of other columns (swap)
SELECT eventname, eventsource, count(*) AS n
FROM (SELECT eventsource, eventname FROM cloudtrail_logs WHERE date = '2026-01-01') AS t(eventname, eventsource)
GROUP BY eventname, eventsource
