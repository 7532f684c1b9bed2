-- CAST(x AS VARCHAR(n)) cuts the text to n characters: the day of an eventtime, a short ARN prefix
SELECT CAST(CAST(eventtime AS VARCHAR) AS VARCHAR(10)) AS day_text, CAST(useridentity.arn AS VARCHAR(12)) AS arn_prefix, count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012'
GROUP BY 1, 2
/* duckdb:
SELECT substr(strftime(eventtime, '%Y-%m-%d'), 1, 10) AS day_text, substr(useridentity.arn, 1, 12) AS arn_prefix, count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012'
GROUP BY 1, 2
*/
