-- SELECT DISTINCT on one column
SELECT DISTINCT eventsource FROM cloudtrail_logs
