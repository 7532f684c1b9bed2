SELECT *
FROM cloudtrail_logs a
JOIN insights b ON a.eventid = b.eventid
LEFT JOIN approved_principals p ON p.arn = a.useridentity_arn
CROSS JOIN UNNEST(a.resources_arn) AS r(arn)
, (SELECT 1 AS one) AS o
WHERE p.arn IS NULL
