-- user agents with their version numbers masked (regexp_replace), per principal type: which tool families call as whom
SELECT regexp_replace(split_part(useragent, ' ', 1), '/[0-9][0-9.]*', '/x') AS agent, useridentity.type AS principal_type,
       count(*) AS n, count(DISTINCT useragent) AS versions
FROM cloudtrail_logs
WHERE useragent IS NOT NULL AND useragent <> ''
GROUP BY 1, 2
HAVING count(*) > 50
ORDER BY n DESC, agent, principal_type NULLS FIRST
