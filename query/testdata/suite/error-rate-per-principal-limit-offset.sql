-- the second page (OFFSET 10 LIMIT 10) of principals by error rate among those with 50+ calls, ties by calls and arn
SELECT useridentity.arn AS arn, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       round(CAST(count_if(errorcode IS NOT NULL) AS double) / count(*), 4) AS error_rate,
       array_join(array_sort(array_distinct(array_agg(errorcode) FILTER (WHERE errorcode IS NOT NULL))), ',') AS codes
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1
HAVING count(*) >= 50
ORDER BY error_rate DESC, calls DESC, arn
OFFSET 10 LIMIT 10
/* duckdb:
SELECT useridentity.arn AS arn, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       round(CAST(count_if(errorcode IS NOT NULL) AS double) / count(*), 4) AS error_rate,
       array_to_string(array_sort(array_distinct(array_agg(errorcode) FILTER (WHERE errorcode IS NOT NULL))), ',') AS codes
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1
HAVING count(*) >= 50
ORDER BY error_rate DESC, calls DESC, arn
LIMIT 10 OFFSET 10
*/
