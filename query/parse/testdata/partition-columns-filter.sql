SELECT account, region, date, count(*) AS events
FROM cloudtrail_logs
WHERE account = '111122223333' AND region IN ('us-east-1', 'eu-west-1') AND date = '2026-01-01'
GROUP BY account, region, date
