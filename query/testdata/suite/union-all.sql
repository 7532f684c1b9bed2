-- UNION ALL of three aggregates, the NULL readonly counted apart
SELECT 'read' AS kind, count(*) AS n FROM cloudtrail_logs WHERE readonly
UNION ALL
SELECT 'write', count(*) FROM cloudtrail_logs WHERE NOT readonly
UNION ALL
SELECT 'unknown', count(*) FROM cloudtrail_logs WHERE readonly IS NULL
