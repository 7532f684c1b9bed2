-- LIMIT above the row count returns every row
SELECT DISTINCT eventtype FROM cloudtrail_logs LIMIT 1000
