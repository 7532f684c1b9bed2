-- CAST(eventtime AS DATE) BETWEEN two DATE literals
SELECT account, count(*) AS n
FROM cloudtrail_logs
WHERE CAST(eventtime AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-01-02'
GROUP BY account
