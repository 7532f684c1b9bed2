-- aggregates over rows where everything is NULL
SELECT count(*) AS n, min(eventtime) AS first, max(errorcode) AS code, count(DISTINCT errorcode) AS codes,
       sum(cardinality(resources)) AS res
FROM cloudtrail_logs
WHERE date IS NULL
