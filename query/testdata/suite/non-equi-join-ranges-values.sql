-- a non-equi join of calls to hour ranges given as VALUES (BETWEEN in ON, no equality), with ranges that overlap and one that matches nothing
SELECT r.label, count(e.eventid) AS n
FROM (VALUES ('night', 0, 5), ('morning', 6, 11), ('overlap', 10, 13), ('never', 24, 30)) AS r(label, lo, hi)
LEFT JOIN cloudtrail_logs AS e ON hour(e.eventtime) BETWEEN r.lo AND r.hi AND e.region = 'us-west-2'
GROUP BY r.label
ORDER BY r.label
