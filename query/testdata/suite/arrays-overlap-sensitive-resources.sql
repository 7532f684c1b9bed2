-- arrays_overlap: calls whose resources include a KMS key or an IAM role
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE arrays_overlap(resources_type, ARRAY['AWS::KMS::Key', 'AWS::IAM::Role'])
GROUP BY 1
/* duckdb:
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE list_has_any(resources_type, ['AWS::KMS::Key', 'AWS::IAM::Role'])
GROUP BY 1
*/
