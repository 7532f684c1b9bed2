SELECT t.name, count(c.eventid) AS n
FROM (VALUES ('ConsoleLogin'), ('AssumeRole'), ('GetCallerIdentity')) AS t(name)
CROSS JOIN cloudtrail_logs c
WHERE c.eventname = t.name
GROUP BY t.name
