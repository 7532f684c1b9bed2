SELECT account, region, count(*) AS root_calls, min(eventtime) AS first_seen, max(eventtime) AS last_seen
FROM cloudtrail_logs
WHERE useridentity_type = 'Root'
GROUP BY account, region
ORDER BY 3 DESC
