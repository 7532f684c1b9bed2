-- FILTER (WHERE c) keeps only rows where c is TRUE (NULL drops the row), also with DISTINCT aggregates and on an empty filtered set
SELECT region,
       count(*) FILTER (WHERE errorcode <> '') AS with_code,
       count(DISTINCT eventname) FILTER (WHERE readonly) AS read_apis,
       count(DISTINCT eventname) FILTER (WHERE NOT readonly) AS write_apis,
       sum(length(errorcode)) FILTER (WHERE errorcode = 'NoSuchThing') AS none_sum,
       max(eventtime) FILTER (WHERE errorcode IS NULL) AS last_ok
FROM cloudtrail_logs
GROUP BY region
ORDER BY region NULLS FIRST
