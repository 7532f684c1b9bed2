-- WHERE errors > 0 AND calls / errors < n: the guard must keep the division from seeing the services without throttling
SELECT eventsource, calls, errors, calls / errors AS calls_per_throttle
FROM (
  SELECT eventsource, count(*) AS calls, count_if(errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
WHERE errors > 0 AND calls / errors < 2000
/* duckdb:
SELECT eventsource, calls, errors, calls // errors AS calls_per_throttle
FROM (
  SELECT eventsource, count(*) AS calls, count_if(errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
WHERE errors > 0 AND calls // errors < 2000
*/
