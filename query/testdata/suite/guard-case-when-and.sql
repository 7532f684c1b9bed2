-- CASE WHEN guard AND ratio THEN ...: the AND inside a CASE condition
SELECT eventsource,
       CASE WHEN errors > 0 AND calls / errors < 100 THEN 'noisy' WHEN errors > 0 THEN 'some' ELSE 'quiet' END AS kind
FROM (
  SELECT eventsource, count(*) AS calls, count_if(errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
/* duckdb:
SELECT eventsource,
       CASE WHEN errors > 0 AND calls // errors < 100 THEN 'noisy' WHEN errors > 0 THEN 'some' ELSE 'quiet' END AS kind
FROM (
  SELECT eventsource, count(*) AS calls, count_if(errorcode = 'ThrottlingException') AS errors
  FROM cloudtrail_logs
  GROUP BY eventsource
) AS t
*/
