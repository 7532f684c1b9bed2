SELECT 'management' AS kind, count(*) AS n FROM cloudtrail_logs WHERE managementevent = true
UNION ALL
SELECT 'data', count(*) FROM cloudtrail_logs WHERE managementevent = false
UNION ALL
SELECT 'insight', count(*) FROM insights
