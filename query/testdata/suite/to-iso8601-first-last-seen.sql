-- to_iso8601 of min/max: each account's first and last event as ISO 8601 text
SELECT account, to_iso8601(min(eventtime)) AS first_seen, to_iso8601(max(eventtime)) AS last_seen
FROM cloudtrail_logs
GROUP BY account
