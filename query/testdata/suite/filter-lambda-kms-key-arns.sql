-- filter() with a lambda: how many KMS keys are among each event's resource ARNs
SELECT eventname, cardinality(filter(resources_arn, a -> a LIKE 'arn:aws:kms:%')) AS kms_keys, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource IN ('kms.amazonaws.com', 's3.amazonaws.com')
GROUP BY 1, 2
/* duckdb:
SELECT eventname, CAST(len(list_filter(resources_arn, a -> a LIKE 'arn:aws:kms:%')) AS BIGINT) AS kms_keys, count(*) AS n
FROM cloudtrail_logs
WHERE eventsource IN ('kms.amazonaws.com', 's3.amazonaws.com')
GROUP BY 1, 2
*/
