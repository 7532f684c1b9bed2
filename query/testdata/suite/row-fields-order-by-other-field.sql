-- ORDER BY one field of a row and select another: resources sorted by account then type, showing arn and type (each field its own sort key)
SELECT r.accountid, r.type, r.arn
FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS x(r)
WHERE r.arn IS NOT NULL
ORDER BY r.accountid NULLS FIRST, r.type NULLS FIRST, r.arn DESC
LIMIT 40
