EXPLAIN SELECT eventname, count(*) FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY eventname
