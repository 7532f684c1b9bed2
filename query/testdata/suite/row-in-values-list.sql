-- a row IN list: (account, region) pairs picked from a list
SELECT account, region, count(*) AS n
FROM cloudtrail_logs
WHERE (account, region) IN (('087463005387', 'eu-west-1'), ('256224797377', 'us-west-2'), ('123456789012', 'us-east-1'))
GROUP BY 1, 2
