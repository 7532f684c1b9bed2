SELECT regexp_extract(useragent, '^([^/ ]+)', 1) AS tool, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
ORDER BY 2 DESC
LIMIT 20
