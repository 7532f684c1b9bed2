-- FILTER (WHERE ...) on several aggregates: a profile of each IAM user's writes, errors and last write
SELECT useridentity.arn AS arn,
       count(*) AS calls,
       count(*) FILTER (WHERE readonly = false) AS writes,
       count(*) FILTER (WHERE errorcode IS NOT NULL) AS errors,
       count(DISTINCT eventname) FILTER (WHERE readonly = false) AS write_apis,
       max(eventtime) FILTER (WHERE readonly = false) AS last_write,
       count(DISTINCT sourceipaddress) FILTER (WHERE errorcode = 'AccessDenied') AS denied_ips
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser'
GROUP BY 1
