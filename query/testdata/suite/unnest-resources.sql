-- CROSS JOIN UNNEST(resources) AS t(r), then r.type
SELECT r.type, count(*) AS n
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
GROUP BY r.type
