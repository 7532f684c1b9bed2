SELECT eventname, a.n, b.n
FROM (SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY eventname) a
RIGHT JOIN (SELECT eventname, count(*) AS n FROM insights GROUP BY eventname) b USING (eventname)
