-- bool_and, bool_or and every per service: all reads? any failure? all management events?
SELECT eventsource, bool_and(readonly) AS all_read, bool_or(errorcode IS NOT NULL) AS any_failed,
       every(managementevent) AS all_mgmt, bool_or(eventname LIKE 'Create%') AS creates
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
SELECT eventsource, bool_and(readonly) AS all_read, bool_or(errorcode IS NOT NULL) AS any_failed,
       bool_and(managementevent) AS all_mgmt, bool_or(eventname LIKE 'Create%') AS creates
FROM cloudtrail_logs
GROUP BY eventsource
*/
