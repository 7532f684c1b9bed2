-- HAVING with several aggregates, one not in the select list
SELECT useridentity.arn AS arn, count(DISTINCT eventname) AS apis
FROM cloudtrail_logs
GROUP BY useridentity.arn
HAVING count(DISTINCT eventname) >= 5 AND sum(CASE WHEN errorcode IS NOT NULL THEN 1 ELSE 0 END) > 10
