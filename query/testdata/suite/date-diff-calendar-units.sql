-- date_diff in minute, week, month, quarter and year from a fixed anchor to each account's first and last event
SELECT account,
       date_diff('minute', min(eventtime), max(eventtime)) AS minutes,
       date_diff('week', TIMESTAMP '2025-10-15 12:00:00', max(eventtime)) AS weeks,
       date_diff('month', TIMESTAMP '2025-10-31 23:00:00', min(eventtime)) AS months,
       date_diff('quarter', TIMESTAMP '2025-01-01 00:00:00', max(eventtime)) AS quarters,
       date_diff('year', TIMESTAMP '2024-01-03 00:00:00', max(eventtime)) AS years,
       date_diff('day', max(eventtime), TIMESTAMP '2025-12-25 00:00:00') AS days_back
FROM cloudtrail_logs
WHERE account IS NOT NULL
GROUP BY account
