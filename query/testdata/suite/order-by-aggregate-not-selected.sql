-- ORDER BY aggregates and expressions that are not in the select list, with a total order
SELECT useridentity.type AS type
FROM cloudtrail_logs
GROUP BY useridentity.type
ORDER BY count(DISTINCT eventname) DESC, count(*) ASC, type NULLS FIRST
