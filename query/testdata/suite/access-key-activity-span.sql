-- long-term access keys: first and last use, active days, and hours since last use at the report time
SELECT useridentity.accesskeyid AS key, useridentity.username AS username, min(eventtime) AS first_used, max(eventtime) AS last_used,
       count(DISTINCT date) AS active_days, date_diff('hour', max(eventtime), current_timestamp) AS idle_hours
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%' AND account = '256224797377'
GROUP BY 1, 2
ORDER BY first_used, key
/* duckdb:
SELECT useridentity.accesskeyid AS key, useridentity.username AS username, min(eventtime) AS first_used, max(eventtime) AS last_used,
       count(DISTINCT date) AS active_days, date_diff('hour', max(eventtime), TIMESTAMPTZ '2026-01-04 00:00:00+00') AS idle_hours
FROM cloudtrail_logs
WHERE useridentity.accesskeyid LIKE 'AKIA%' AND account = '256224797377'
GROUP BY 1, 2
ORDER BY first_used, key
*/
