-- one report of two aggregations: access denials and throttling per service (UNION ALL), with first occurrence and distinct callers
SELECT 'denied' AS kind, eventsource, count(*) AS n, min(eventtime) AS first_seen, count(DISTINCT useridentity.arn) AS callers
FROM cloudtrail_logs
WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')
GROUP BY eventsource
UNION ALL
SELECT 'throttled', eventsource, count(*), min(eventtime), count(DISTINCT useridentity.arn)
FROM cloudtrail_logs
WHERE errorcode LIKE '%Throttl%'
GROUP BY eventsource
ORDER BY kind, n DESC, eventsource
