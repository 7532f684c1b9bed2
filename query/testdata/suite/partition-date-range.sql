-- date >= and a second account filter
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date >= '2026-01-02' AND account <> '252456891452'
GROUP BY date
