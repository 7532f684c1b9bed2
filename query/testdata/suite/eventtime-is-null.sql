-- rows without a valid eventtime: IS NULL on eventtime must keep the partitions that hold them (date pruning drops only dated partitions for bounds that imply NOT NULL)
SELECT account, region, date, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NULL
GROUP BY account, region, date
