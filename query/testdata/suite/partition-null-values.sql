-- the NULL partitions: no valid account, region or date
SELECT eventid, account, region, date, eventtime
FROM cloudtrail_logs
WHERE account IS NULL OR region IS NULL OR date IS NULL
