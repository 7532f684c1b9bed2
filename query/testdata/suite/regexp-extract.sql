-- regexp_extract with a group; NULL when nothing matches
SELECT regexp_extract(useragent, '^([A-Za-z0-9-]+)/', 1) AS agent, regexp_extract(useragent, '[0-9]+\.[0-9]+') AS first_version,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
