-- GROUP BY an expression and an ordinal, HAVING on an aggregate not in the SELECT list
SELECT substr(sourceipaddress, 1, strpos(sourceipaddress, '.')) AS first_octet, 2 AS two, count(*) AS n
FROM cloudtrail_logs
WHERE sourceipaddress LIKE '%.%.%.%' AND NOT sourceipaddress LIKE '%amazonaws.com'
GROUP BY substr(sourceipaddress, 1, strpos(sourceipaddress, '.')), 2
HAVING count(DISTINCT account) > 1
