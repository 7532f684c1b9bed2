-- one account and one day
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387' AND date = '2026-01-02'
GROUP BY eventname
