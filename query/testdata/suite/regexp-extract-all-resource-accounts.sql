-- regexp_extract_all with a group: how many account ids each event's resource ARNs name, per account
-- (array_join skips NULL elements, so an ARN-less resource list joins to '' and has 0 ids)
SELECT account, cardinality(regexp_extract_all(array_join(resources_arn, ' '), ':([0-9]{12}):', 1)) AS account_ids, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
/* duckdb:
SELECT account, CAST(len(regexp_extract_all(array_to_string(list_filter(resources_arn, a -> a IS NOT NULL), ' '), ':([0-9]{12}):', 1)) AS BIGINT) AS account_ids, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
*/
