-- NOT IN (list) is NULL, so not true, for NULL values
SELECT count(*) AS n, count(errorcode) AS with_code
FROM cloudtrail_logs
WHERE errorcode NOT IN ('AccessDenied', 'NoSuchKey')
