-- ORDER BY a user agent containing non-ASCII text (byte order equals code point order)
SELECT DISTINCT useragent
FROM cloudtrail_logs WHERE account = '123456789012' OR useragent LIKE 'aws-cli%'
ORDER BY useragent DESC
