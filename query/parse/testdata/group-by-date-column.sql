SELECT date, count(*) FROM cloudtrail_logs GROUP BY date ORDER BY date
