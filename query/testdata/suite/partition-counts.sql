-- rows per partition, the NULL (default) partitions included
SELECT account, region, date, count(*) AS n
FROM cloudtrail_logs
GROUP BY account, region, date
