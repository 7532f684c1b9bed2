SELECT eventsource, count(*) AS denied
FROM cloudtrail_logs
WHERE errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
GROUP BY eventsource
ORDER BY denied DESC
