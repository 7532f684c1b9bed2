-- from_iso8601_timestamp(eventtime) as on Athena's string table
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) > from_iso8601_timestamp('2026-01-03T20:00:00Z')
GROUP BY eventsource
