-- UNNEST drops rows whose array is empty or NULL
SELECT count(*) AS elements, count(DISTINCT eventid) AS events
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources_type) AS t(type)
WHERE account = '123456789012' OR account IS NULL
