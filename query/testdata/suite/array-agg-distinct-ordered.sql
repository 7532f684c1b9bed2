-- array_agg(DISTINCT x ORDER BY x) and array_agg ordered by another column, per IAM user
SELECT useridentity.username AS username,
       array_agg(DISTINCT region ORDER BY region) AS regions,
       slice(array_agg(eventname ORDER BY eventtime, eventid), 1, 3) AS first_three
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '252456891452' AND date = '2026-01-01'
GROUP BY 1
/* duckdb:
SELECT useridentity.username AS username,
       list(DISTINCT region ORDER BY region) AS regions,
       list(eventname ORDER BY eventtime, eventid)[1:3] AS first_three
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '252456891452' AND date = '2026-01-01'
GROUP BY 1
*/
