SELECT eventid, idx, arn
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources_arn) WITH ORDINALITY AS t (arn, idx)
WHERE cardinality(resources_arn) > 1
