-- UNION ALL widens types across branches: integer with bigint and double, varchar with NULL
SELECT 'errors' AS kind, count(*) AS n, NULL AS note FROM cloudtrail_logs WHERE errorcode IS NOT NULL
UNION ALL
SELECT 'ratio', CAST(count(*) AS DOUBLE) / 3, 'per day' FROM cloudtrail_logs
UNION ALL
SELECT 'one', 1, CAST(NULL AS VARCHAR)
