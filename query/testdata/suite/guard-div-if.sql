-- if(errors > 0, calls / errors) evaluates the division only where errors > 0, as CASE does
SELECT eventsource, if(errors > 0, calls / errors) AS calls_per_throttle, if(errors = 0, 'none', 'some') AS label
FROM (
  SELECT eventsource, count(*) AS calls, count_if(errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
/* duckdb:
SELECT eventsource, CASE WHEN errors > 0 THEN calls // errors END AS calls_per_throttle, CASE WHEN errors = 0 THEN 'none' ELSE 'some' END AS label
FROM (
  SELECT eventsource, count(*) AS calls, count(*) FILTER (WHERE errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
*/
