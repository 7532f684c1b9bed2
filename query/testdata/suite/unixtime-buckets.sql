-- five-minute buckets from to_unixtime
SELECT from_unixtime(floor(to_unixtime(eventtime) / 300) * 300) AS bucket, count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-02' AND account = '252456891452' AND region = 'eu-west-1'
GROUP BY 1
