-- ARNs named in AccessDenied messages (regexp_extract_all, then UNNEST): the principal and the resource, by the resource's service
SELECT split_part(arn, ':', 3) AS service, cardinality(arns) AS arns_in_message, count(*) AS n, count(DISTINCT arn) AS distinct_arns
FROM (
  SELECT regexp_extract_all(errormessage, 'arn:aws:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:[^ ]+') AS arns
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied'
) AS d
CROSS JOIN UNNEST(arns) AS t(arn)
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
SELECT split_part(arn, ':', 3) AS service, CAST(len(arns) AS BIGINT) AS arns_in_message, count(*) AS n, count(DISTINCT arn) AS distinct_arns
FROM (
  SELECT regexp_extract_all(errormessage, 'arn:aws:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:[^ ]+') AS arns
  FROM cloudtrail_logs
  WHERE errorcode = 'AccessDenied'
) AS d
CROSS JOIN UNNEST(arns) AS t(arn)
GROUP BY 1, 2
ORDER BY 1, 2
*/
