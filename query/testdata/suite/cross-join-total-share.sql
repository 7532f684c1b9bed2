-- CROSS JOIN with a one-row total: each principal type's share of all calls, in percent
SELECT t.principal_type, t.n, round(CAST(t.n AS DOUBLE) / a.total * 100, 2) AS pct
FROM (SELECT useridentity.type AS principal_type, count(*) AS n FROM cloudtrail_logs GROUP BY 1) AS t
CROSS JOIN (SELECT count(*) AS total FROM cloudtrail_logs) AS a
