-- Athena's eventtime is text: CAST(eventtime AS varchar) is that text, so LIKE on it matches the ISO form
SELECT substr(CAST(eventtime AS varchar), 1, 13) AS hour_bucket, count(*) AS n
FROM cloudtrail_logs
WHERE CAST(eventtime AS varchar) LIKE '2026-01-02T1%' AND account = '123456789012'
GROUP BY 1
/* duckdb:
SELECT strftime(eventtime, '%Y-%m-%dT%H') AS hour_bucket, count(*) AS n
FROM cloudtrail_logs
WHERE strftime(eventtime, '%Y-%m-%dT%H') LIKE '2026-01-02T1%' AND account = '123456789012'
GROUP BY 1
*/
