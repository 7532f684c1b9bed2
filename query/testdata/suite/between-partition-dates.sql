-- BETWEEN on the date partition
SELECT date, count(*) AS n
FROM cloudtrail_logs
WHERE date BETWEEN '2026-01-01' AND '2026-01-02'
GROUP BY date
