-- json_array_contains in a filter: DescribeTrails calls asking for no trail by name (an empty list)
SELECT json_array_length(json_extract(requestparameters, '$.trailNameList')) AS names,
       json_array_contains(json_extract(requestparameters, '$.trailNameList'), 'org-trail') AS asks_org_trail,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'DescribeTrails'
GROUP BY 1, 2
/* duckdb:
SELECT json_array_length(json_extract(requestparameters, '$.trailNameList')) AS names,
       false AS asks_org_trail,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'DescribeTrails'
GROUP BY 1, 2
*/
