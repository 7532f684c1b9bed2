-- cardinality() of the resources array
SELECT cardinality(resources) AS n_resources, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
