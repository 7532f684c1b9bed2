SELECT coalesce(a.eventname, b.eventname) AS eventname, a.n AS jan, b.n AS feb
FROM (SELECT eventname, count(*) n FROM cloudtrail_logs WHERE date LIKE '2026-01-%' GROUP BY 1) a
FULL OUTER JOIN (SELECT eventname, count(*) n FROM cloudtrail_logs WHERE date LIKE '2026-02-%' GROUP BY 1) b
  ON a.eventname = b.eventname
