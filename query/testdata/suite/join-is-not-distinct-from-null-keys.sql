-- a join ON a IS NOT DISTINCT FROM b matches NULL keys with each other, unlike =
WITH calls AS (SELECT errorcode, count(*) AS n FROM cloudtrail_logs WHERE account = '123456789012' GROUP BY errorcode),
     labels AS (SELECT * FROM (VALUES (CAST(NULL AS VARCHAR), 'ok'), ('', 'blank'), ('AccessDenied', 'denied')) AS t(code, label))
SELECT c.errorcode, c.n, l1.label AS by_eq, l2.label AS by_not_distinct
FROM calls AS c
LEFT JOIN labels AS l1 ON c.errorcode = l1.code
LEFT JOIN labels AS l2 ON c.errorcode IS NOT DISTINCT FROM l2.code
ORDER BY c.errorcode NULLS FIRST
