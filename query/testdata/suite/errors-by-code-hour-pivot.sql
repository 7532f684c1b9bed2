-- errors over time, pivoted: one column per error code per hour of day 2 (count_if columns)
SELECT hour(eventtime) AS hr,
       count_if(errorcode = 'AccessDenied') AS denied,
       count_if(errorcode = 'ThrottlingException') AS throttled,
       count_if(errorcode LIKE '%NotFound%' OR errorcode LIKE 'NoSuch%') AS not_found,
       count_if(errorcode IS NOT NULL) AS all_errors, count(*) AS calls
FROM cloudtrail_logs
WHERE date = '2026-01-02'
GROUP BY 1
ORDER BY 1
/* duckdb:
SELECT hour(eventtime) AS hr,
       count(*) FILTER (WHERE errorcode = 'AccessDenied') AS denied,
       count(*) FILTER (WHERE errorcode = 'ThrottlingException') AS throttled,
       count(*) FILTER (WHERE errorcode LIKE '%NotFound%' OR errorcode LIKE 'NoSuch%') AS not_found,
       count(*) FILTER (WHERE errorcode IS NOT NULL) AS all_errors, count(*) AS calls
FROM cloudtrail_logs
WHERE date = '2026-01-02'
GROUP BY 1
ORDER BY 1
*/
