-- SELECT DISTINCT over expressions, with NULLs collapsing into one row
SELECT DISTINCT lower(split_part(eventsource, '.', 1)) AS service, readonly, errorcode IS NULL AS ok
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR eventsource = 'signin.amazonaws.com'
