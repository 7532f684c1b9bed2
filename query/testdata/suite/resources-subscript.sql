-- array subscripts are 1-based
SELECT resources_type[1] AS first_type, resources[1].arn IS NOT NULL AS has_arn, count(*) AS n
FROM cloudtrail_logs
WHERE cardinality(resources) >= 1
GROUP BY 1, 2
