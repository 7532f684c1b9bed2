-- array_max/array_min give NULL when an element is NULL (Trino), array_position finds past NULLs and gives 0 when absent, array_distinct keeps one NULL: resources with a missing accountId
SELECT eventid, array_max(resources_accountid) AS max_account, array_min(resources_type) AS min_type,
  cardinality(array_distinct(resources_accountid)) AS distinct_accounts,
  array_position(resources_accountid, '123456789012') AS first_pos,
  array_max(ARRAY[1, NULL, 3]) AS literal_max, array_except(ARRAY['a', 'b', 'b', NULL], ARRAY['b']) AS except_ab
FROM cloudtrail_logs
WHERE eventid IN ('edge-0003', 'edge-0005', 'edge-0006')
ORDER BY eventid
/* duckdb:
SELECT * FROM (VALUES
  ('edge-0003', CAST(NULL AS VARCHAR), 'AWS::KMS::Key', CAST(2 AS BIGINT), CAST(2 AS BIGINT), CAST(NULL AS INTEGER), ['a', NULL]),
  ('edge-0005', NULL, NULL, 0, 0, NULL, ['a', NULL]),
  ('edge-0006', NULL, 'AWS::S3::Object', 1, 0, NULL, ['a', NULL]))
  AS t(eventid, max_account, min_type, distinct_accounts, first_pos, literal_max, except_ab)
ORDER BY eventid
*/
