-- GROUP BY several columns where each may be NULL: NULL forms one group per column, distinct from the empty string
SELECT useridentity.type AS type, errorcode, readonly, count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR errorcode = 'AccessDenied'
GROUP BY 1, 2, 3
ORDER BY type NULLS FIRST, errorcode NULLS FIRST, readonly NULLS FIRST
