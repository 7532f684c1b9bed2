-- ntile with more buckets than rows in the partition gives each row its own bucket; uneven splits put the extra rows first
SELECT account, eventid, ntile(10) OVER (PARTITION BY account ORDER BY eventid) AS ten, ntile(3) OVER (PARTITION BY account ORDER BY eventid) AS three
FROM cloudtrail_logs
WHERE account = '123456789012' OR (account IS NULL)
ORDER BY account, eventid
