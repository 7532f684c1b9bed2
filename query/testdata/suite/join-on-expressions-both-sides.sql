-- join keys that are expressions on both sides: the date of a call matches the date partition parsed from text, lower() against upper()
SELECT d.day, count(*) AS n
FROM (SELECT DISTINCT date AS day FROM cloudtrail_logs WHERE date IS NOT NULL) AS d
JOIN cloudtrail_logs AS e ON CAST(e.eventtime AS DATE) = CAST(d.day AS DATE) AND lower(e.eventtype) = lower(upper('AwsConsoleSignIn'))
GROUP BY d.day
ORDER BY d.day
