-- HAVING guard AND ratio: services whose calls per throttling error exceed 10, skipping those with none
SELECT eventsource, count(*) / count_if(errorcode = 'ThrottlingException') AS calls_per_throttle
FROM cloudtrail_logs
GROUP BY eventsource
HAVING count_if(errorcode = 'ThrottlingException') > 0 AND count(*) / count_if(errorcode = 'ThrottlingException') > 10
/* duckdb:
SELECT eventsource, count(*) // count_if(errorcode = 'ThrottlingException') AS calls_per_throttle
FROM cloudtrail_logs
GROUP BY eventsource
HAVING count_if(errorcode = 'ThrottlingException') > 0 AND count(*) // count_if(errorcode = 'ThrottlingException') > 10
*/
