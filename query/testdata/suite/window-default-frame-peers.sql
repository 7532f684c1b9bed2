-- the default frame of an ordered window (RANGE UNBOUNDED PRECEDING to CURRENT ROW) takes in peers: calls through each day
SELECT DISTINCT useridentity.username AS username, date,
       count(*) OVER (PARTITION BY useridentity.username ORDER BY date) AS calls_through_day
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '087463005387'
