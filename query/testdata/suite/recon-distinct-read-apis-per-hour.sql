-- reconnaissance: principal-hours with 8+ distinct Describe/List/Get APIs (count(DISTINCT ...) FILTER with regexp_like), with the APIs and services
SELECT useridentity.arn AS arn, date_trunc('hour', eventtime) AS hr,
       count(DISTINCT eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')) AS read_apis,
       count(DISTINCT eventsource) AS services,
       array_join(array_sort(array_distinct(array_agg(eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')))), ',') AS apis
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1, 2
HAVING count(DISTINCT eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')) >= 8
ORDER BY read_apis DESC, arn, hr
/* duckdb:
SELECT useridentity.arn AS arn, date_trunc('hour', eventtime) AS hr,
       count(DISTINCT eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')) AS read_apis,
       count(DISTINCT eventsource) AS services,
       array_to_string(array_sort(array_distinct(array_agg(eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')))), ',') AS apis
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1, 2
HAVING count(DISTINCT eventname) FILTER (WHERE regexp_like(eventname, '^(Describe|List|Get)')) >= 8
ORDER BY read_apis DESC, arn, hr
*/
