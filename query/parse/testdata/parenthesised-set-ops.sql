(SELECT eventname FROM cloudtrail_logs WHERE date = '2026-01-01' LIMIT 10)
UNION ALL
(SELECT eventname FROM insights ORDER BY eventtime DESC LIMIT 10)
ORDER BY 1
