-- DATE literal against CAST(eventtime AS DATE)
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE CAST(eventtime AS DATE) = DATE '2026-01-02'
GROUP BY eventsource
