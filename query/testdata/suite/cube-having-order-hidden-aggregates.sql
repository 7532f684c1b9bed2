-- CUBE with HAVING and ORDER BY on aggregates that are not selected: principal type by read/write, kept where more than 5 distinct APIs were called
SELECT ptype, ro, count(*) AS n
FROM (SELECT useridentity.type AS ptype, readonly AS ro, eventname FROM cloudtrail_logs WHERE account = '252456891452') AS t
GROUP BY CUBE (ptype, ro)
HAVING count(DISTINCT eventname) > 5 AND avg(length(eventname)) > 5
ORDER BY grouping(ptype, ro), count(DISTINCT eventname) DESC, n DESC, ptype NULLS FIRST, ro NULLS FIRST
