-- rows per partition, including the NULL (default) partitions
SELECT account, region, date, count(*) AS n
FROM cloudtrail_logs
GROUP BY account, region, date
