-- FILTER on count, sum, max and array_agg in one select: a principal's denial profile
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       count(*) FILTER (WHERE errorcode = 'AccessDenied') AS denied,
       sum(length(eventname)) FILTER (WHERE readonly) AS read_name_chars,
       max(eventtime) FILTER (WHERE errorcode IS NOT NULL) AS last_error,
       array_sort(array_agg(DISTINCT eventsource) FILTER (WHERE errorcode = 'AccessDenied')) AS denied_services
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '256224797377'
GROUP BY 1
/* duckdb:
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       count(*) FILTER (WHERE errorcode = 'AccessDenied') AS denied,
       sum(length(eventname)) FILTER (WHERE readonly) AS read_name_chars,
       max(eventtime) FILTER (WHERE errorcode IS NOT NULL) AS last_error,
       list_sort(list(DISTINCT eventsource) FILTER (WHERE errorcode = 'AccessDenied')) AS denied_services
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '256224797377'
GROUP BY 1
*/
